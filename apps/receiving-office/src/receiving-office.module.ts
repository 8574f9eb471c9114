import { DynamicModule, Module } from '@nestjs/common';
import { topics } from '@idcard/contracts';
import { serviceInfrastructure } from '@idcard/service-runtime';
import { ApplicationsModule } from './applications/applications.module';
import { receivingOfficeEntities } from './entities';
import { HandOverCardModule } from './hand-over-card/hand-over-card.module';
import { receivingOfficeMigrations } from './migrations';
import { NotifyCitizenModule } from './notify-citizen/notify-citizen.module';
import { ReceiveShipmentsModule } from './receive-shipments/receive-shipments.module';
import { ReceivingProvinceModule } from './receiving-province';
import { RecordArrivalsModule } from './record-arrivals/record-arrivals.module';
import { RecordDecisionsModule } from './record-decisions/record-decisions.module';
import type { ReceivingOfficeConfig } from './start';
import { SubmitApplicationModule } from './submit-application/submit-application.module';
import { TrackApplicationModule } from './track-application/track-application.module';
import { deadlineSettings } from './watch-deadlines/deadline-settings';
import { WatchDeadlinesModule } from './watch-deadlines/watch-deadlines.module';

/** The receiving office (受理地) of one province: takes applications, watches their 60 days, receives cards, hands them over. */
@Module({})
export class ReceivingOfficeModule {
  static forRoot(config: ReceivingOfficeConfig): DynamicModule {
    const province = config.identity.province;
    return {
      module: ReceivingOfficeModule,
      imports: [
        ...serviceInfrastructure(config, {
          entities: receivingOfficeEntities,
          migrations: receivingOfficeMigrations,
          topics: [topics.receivingDecisions(province), topics.receivingShipments(province)],
        }),
        ReceivingProvinceModule.forRoot(province),
        ApplicationsModule,
        WatchDeadlinesModule.forRoot(deadlineSettings(config)),
        NotifyCitizenModule.forRoot(config.smsSender),
        SubmitApplicationModule,
        TrackApplicationModule,
        RecordDecisionsModule,
        ReceiveShipmentsModule,
        RecordArrivalsModule,
        HandOverCardModule,
      ],
    };
  }
}
