import { Module } from '@nestjs/common';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/** The population register: citizens and their cards. */
@Module({ controllers: [RegisterController], providers: [RegisterService] })
export class RegisterModule {}
