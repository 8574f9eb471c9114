import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { TrackApplicationController } from './track-application.controller';
import { TrackApplicationService } from './track-application.service';

/** 进度查询: where an application stands. */
@Module({})
export class TrackApplicationModule {
  static register(infrastructure: DynamicModule): DynamicModule {
    return {
      module: TrackApplicationModule,
      imports: [infrastructure, ApplicationsModule],
      controllers: [TrackApplicationController],
      providers: [TrackApplicationService],
    };
  }
}
