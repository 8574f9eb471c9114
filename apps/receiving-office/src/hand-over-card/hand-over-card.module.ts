import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { HandOverCardController } from './hand-over-card.controller';
import { HandOverCardService } from './hand-over-card.service';

/** 发放: the arrived card to its applicant. */
@Module({})
export class HandOverCardModule {
  static register(infrastructure: DynamicModule): DynamicModule {
    return {
      module: HandOverCardModule,
      imports: [infrastructure, ApplicationsModule],
      controllers: [HandOverCardController],
      providers: [HandOverCardService],
    };
  }
}
