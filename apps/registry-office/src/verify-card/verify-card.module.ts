import { DynamicModule, Module } from '@nestjs/common';
import { ChecksElsewhereConsumer } from './checks-elsewhere.consumer';
import { VerificationRateLimit } from './verification-rate-limit.guard';
import { VerificationTable } from './verification-table';
import { VerifyCardConsumer } from './verify-card.consumer';
import { VerifyCardController } from './verify-card.controller';
import { VerifyCardService } from './verify-card.service';

/**
 * Card verification (核查): the national broadcasts into this province's table, POST /verifications for verifiers, and
 * the checks of this province's cards answered elsewhere (CardVerified), for the holder's tracker.
 */
@Module({})
export class VerifyCardModule {
  static register(infrastructure: DynamicModule, settings: DynamicModule): DynamicModule {
    return {
      module: VerifyCardModule,
      imports: [infrastructure, settings],
      controllers: [VerifyCardConsumer, ChecksElsewhereConsumer, VerifyCardController],
      providers: [VerificationTable, VerifyCardService, VerificationRateLimit],
      exports: [VerificationTable],
    };
  }
}
