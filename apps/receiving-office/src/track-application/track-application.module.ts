import { Module } from '@nestjs/common';
import { TrackApplicationController } from './track-application.controller';
import { TrackApplicationService } from './track-application.service';

@Module({ controllers: [TrackApplicationController], providers: [TrackApplicationService] })
export class TrackApplicationModule {}
