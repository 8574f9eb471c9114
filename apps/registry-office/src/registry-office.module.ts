import { DynamicModule, Module } from '@nestjs/common';
import { topics } from '@idcard/contracts';
import { serviceInfrastructure } from '@idcard/service-runtime';
import { ApplicationsModule } from './applications/applications.module';
import { registryEntities } from './entities';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HomeProvinceModule } from './home-province';
import { ManualReviewModule } from './manual-review/manual-review.module';
import { registryMigrations } from './migrations';
import { RecordCardModule } from './record-card/record-card.module';
import { RegisterModule } from './register/register.module';
import { ReviewApplicationModule } from './review-application/review-application.module';
import type { RegistryOfficeConfig } from './start';

/** The registry office (户籍地) of one province: its population register, review and sign-off. */
@Module({})
export class RegistryOfficeModule {
  static forRoot(config: RegistryOfficeConfig): DynamicModule {
    const province = config.identity.province;
    return {
      module: RegistryOfficeModule,
      imports: [
        ...serviceInfrastructure(config, {
          entities: registryEntities,
          migrations: registryMigrations,
          topics: [topics.registryApplications(province), topics.registryCards(province)],
        }),
        HomeProvinceModule.forRoot(province),
        RegisterModule,
        ApplicationsModule,
        ReviewApplicationModule,
        ManualReviewModule,
        RecordCardModule,
        DeadlinesModule,
      ],
    };
  }
}
