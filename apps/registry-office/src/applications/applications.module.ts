import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications.controller';
import { Decisions } from './decisions.service';

/** Applications as the registry holds them, and the decisions on them that every capability uses. */
@Module({ controllers: [ApplicationsController], providers: [Decisions], exports: [Decisions] })
export class ApplicationsModule {}
