import { DynamicModule, Module } from '@nestjs/common';
import { PageAssetsController } from '@idcard/pages';
import { ApplicationsModule } from '../applications/applications.module';
import { CitizenProgressController } from './citizen-progress.controller';
import { CitizenProgressService } from './citizen-progress.service';
import { ReceivingOfficePagesController } from './pages.controller';

/** Pages for the people at this office: the citizen's progress (/track) and the clerk's counter (/counter). */
@Module({})
export class ReceivingOfficePagesModule {
  static register(infrastructure: DynamicModule): DynamicModule {
    return {
      module: ReceivingOfficePagesModule,
      imports: [infrastructure, ApplicationsModule],
      controllers: [ReceivingOfficePagesController, CitizenProgressController, PageAssetsController],
      providers: [CitizenProgressService],
    };
  }
}
