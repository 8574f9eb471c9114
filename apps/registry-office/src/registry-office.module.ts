import { DynamicModule, Module } from '@nestjs/common';
import { topics } from '@idcard/contracts';
import { serviceInfrastructure } from '@idcard/service-runtime';
import { ApplicationsModule } from './applications/applications.module';
import { CitizenChannelModule } from './citizen-channel/citizen-channel.module';
import type { RegistryOfficeConfig } from './config';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { ExpireCardsModule } from './expire-cards/expire-cards.module';
import { FoundCardsModule } from './found-cards/found-cards.module';
import { registryEntities } from './entities';
import { ManualReviewModule } from './manual-review/manual-review.module';
import { registryMigrations } from './migrations';
import { RegistryOfficePagesModule } from './pages/pages.module';
import { RecordCardModule } from './record-card/record-card.module';
import { NotifyCitizenModule } from './notify-citizen/notify-citizen.module';
import { RegisterModule } from './register/register.module';
import { ReportLossModule } from './report-loss/report-loss.module';
import { ReviewApplicationModule } from './review-application/review-application.module';
import { RegistryOfficeSettingsModule } from './settings.module';
import { TemporaryCardsModule } from './temporary-cards/temporary-cards.module';
import { VerifyCardModule } from './verify-card/verify-card.module';
import { purgeFinishedApplicationBiometrics } from './applications/biometrics-retention';

/**
 * The registry office (户籍地) of one province: its population register, review and sign-off, and (issue 12) loss
 * reports, found cards, temporary cards, card verification for every province's cards and the citizen's own channel. The shared
 * modules are built once here and the same objects handed to every feature that needs them.
 */
@Module({})
export class RegistryOfficeModule {
  static register(config: RegistryOfficeConfig): DynamicModule {
    const province = config.identity.province;
    const infrastructure = serviceInfrastructure(config, {
      entities: registryEntities,
      migrations: registryMigrations,
      topics: [
        topics.registryApplications(province),
        topics.registryCards(province),
        topics.registryRequests(province),
        topics.registryVerifications(province),
        topics.cardIssuances(),
        topics.cardInvalidations(),
      ],
      retentionTasks: [purgeFinishedApplicationBiometrics],
    });
    const settings = RegistryOfficeSettingsModule.register(config);
    const register = RegisterModule.register(infrastructure);
    const applications = ApplicationsModule.register(infrastructure);
    const losses = ReportLossModule.register(infrastructure, register);
    const notify = NotifyCitizenModule.register(infrastructure, settings);
    const verification = VerifyCardModule.register(infrastructure, settings);
    return {
      module: RegistryOfficeModule,
      imports: [
        infrastructure,
        register,
        applications,
        settings,
        losses,
        notify,
        verification,
        ReviewApplicationModule.register(infrastructure, register, applications, losses),
        ManualReviewModule.register(infrastructure, register, applications),
        RecordCardModule.register(infrastructure, register, applications),
        DeadlinesModule.register(infrastructure, applications),
        FoundCardsModule.register(infrastructure, notify),
        TemporaryCardsModule.register(infrastructure, register),
        ExpireCardsModule.register(infrastructure, register, settings),
        CitizenChannelModule.register(infrastructure, settings, notify, losses, verification),
        RegistryOfficePagesModule,
      ],
    };
  }
}
