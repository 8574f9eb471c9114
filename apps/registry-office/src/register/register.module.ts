import { DynamicModule, Module } from '@nestjs/common';
import { PopulationRegister } from './population-register';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/** The population register: citizens and their cards, and the one gateway that writes them. */
@Module({})
export class RegisterModule {
  static register(infrastructure: DynamicModule): DynamicModule {
    return {
      module: RegisterModule,
      imports: [infrastructure],
      controllers: [RegisterController],
      providers: [PopulationRegister, RegisterService],
      exports: [PopulationRegister],
    };
  }
}
