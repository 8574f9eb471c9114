import { DynamicModule, Module } from '@nestjs/common';
import { topics } from '@idcard/contracts';
import { serviceInfrastructure } from '@idcard/service-runtime';
import type { ReceivingOfficeConfig } from './config';
import { receivingOfficeEntities } from './entities';
import { FoundCardsModule } from './found-cards/found-cards.module';
import { HandOverCardModule } from './hand-over-card/hand-over-card.module';
import { receivingOfficeMigrations } from './migrations';
import { ReceivingOfficePagesModule } from './pages/pages.module';
import { NotifyCitizenModule } from './notify-citizen/notify-citizen.module';
import { ReceiveShipmentsModule } from './receive-shipments/receive-shipments.module';
import { RecordArrivalsModule } from './record-arrivals/record-arrivals.module';
import { RecordDecisionsModule } from './record-decisions/record-decisions.module';
import { RecordRepliesModule } from './record-replies/record-replies.module';
import { ReportLossModule } from './report-loss/report-loss.module';
import { ReceivingOfficeSettingsModule } from './settings.module';
import { SubmitApplicationModule } from './submit-application/submit-application.module';
import { TemporaryCardsModule } from './temporary-cards/temporary-cards.module';
import { TrackApplicationModule } from './track-application/track-application.module';
import { WatchDeadlinesModule } from './watch-deadlines/watch-deadlines.module';

/**
 * The receiving office (受理地) of one province: takes applications, watches their 60 days, receives cards, hands them over;
 * takes loss reports, found cards and temporary ID requests for citizens of any province (issue 12).
 */
@Module({})
export class ReceivingOfficeModule {
  static register(config: ReceivingOfficeConfig): DynamicModule {
    const province = config.identity.province;
    // Each shared dynamic module is built once and the same object handed to every feature that needs it.
    const infrastructure = serviceInfrastructure(config, {
      entities: receivingOfficeEntities,
      migrations: receivingOfficeMigrations,
      topics: [topics.receivingDecisions(province), topics.receivingShipments(province), topics.receivingReplies(province), topics.cardInvalidations()],
    });
    const settings = ReceivingOfficeSettingsModule.register(config);
    const notifyCitizen = NotifyCitizenModule.register(infrastructure, settings);
    const receiveShipments = ReceiveShipmentsModule.register(infrastructure);
    const reportLoss = ReportLossModule.register(infrastructure);
    const foundCards = FoundCardsModule.register(infrastructure, settings);
    const temporaryCards = TemporaryCardsModule.register(infrastructure, settings);
    return {
      module: ReceivingOfficeModule,
      imports: [
        infrastructure,
        settings,
        SubmitApplicationModule.register(infrastructure, settings),
        TrackApplicationModule.register(infrastructure),
        WatchDeadlinesModule.register(infrastructure, settings),
        RecordDecisionsModule.register(infrastructure, receiveShipments),
        receiveShipments,
        RecordArrivalsModule.register(infrastructure, notifyCitizen),
        notifyCitizen,
        HandOverCardModule.register(infrastructure),
        reportLoss,
        foundCards,
        temporaryCards,
        RecordRepliesModule.register(infrastructure, [reportLoss, foundCards, temporaryCards]),
        ReceivingOfficePagesModule.register(infrastructure),
      ],
    };
  }
}
