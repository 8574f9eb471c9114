import { DynamicModule, Module } from '@nestjs/common';
import { CardAnnouncer } from './card-announcer';
import { CardBroadcasts } from './card-broadcasts';
import { PopulationRegister } from './population-register';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/** The population register: citizens and their cards, the one gateway that writes them, and what every province is told of them. */
@Module({})
export class RegisterModule {
  static register(infrastructure: DynamicModule): DynamicModule {
    return {
      module: RegisterModule,
      imports: [infrastructure],
      controllers: [RegisterController],
      providers: [PopulationRegister, RegisterService, CardBroadcasts, CardAnnouncer],
      exports: [PopulationRegister, CardBroadcasts],
    };
  }
}
