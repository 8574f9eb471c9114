import { DynamicModule, Module } from '@nestjs/common';
import { topics } from '@idcard/contracts';
import { serviceInfrastructure } from '@idcard/service-runtime';
import { ApplicationsModule } from './applications/applications.module';
import type { RegistryOfficeConfig } from './config';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { registryEntities } from './entities';
import { ManualReviewModule } from './manual-review/manual-review.module';
import { registryMigrations } from './migrations';
import { RecordCardModule } from './record-card/record-card.module';
import { RegisterModule } from './register/register.module';
import { ReviewApplicationModule } from './review-application/review-application.module';
import { purgeFinishedApplicationBiometrics } from './applications/biometrics-retention';

/**
 * The registry office (户籍地) of one province: its population register, review and sign-off. The shared
 * modules are built once here and the same objects handed to every feature that needs them.
 */
@Module({})
export class RegistryOfficeModule {
  static register(config: RegistryOfficeConfig): DynamicModule {
    const province = config.identity.province;
    const infrastructure = serviceInfrastructure(config, {
      entities: registryEntities,
      migrations: registryMigrations,
      topics: [topics.registryApplications(province), topics.registryCards(province)],
      retentionTasks: [purgeFinishedApplicationBiometrics],
    });
    const register = RegisterModule.register(infrastructure);
    const applications = ApplicationsModule.register(infrastructure);
    return {
      module: RegistryOfficeModule,
      imports: [
        infrastructure,
        register,
        applications,
        ReviewApplicationModule.register(infrastructure, register, applications),
        ManualReviewModule.register(infrastructure, register, applications),
        RecordCardModule.register(infrastructure, register, applications),
        DeadlinesModule.register(infrastructure, applications),
      ],
    };
  }
}
