import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import type { RegistryOfficeSettings } from '../config';
import { PerMinuteLimit } from '../rate-limit/per-minute-limit';
import { REGISTRY_OFFICE_SETTINGS } from '../settings.module';

/** VERIFICATION_RATE_LIMIT_PER_MINUTE per verifier client (its token subject). */
@Injectable()
export class VerificationRateLimit extends PerMinuteLimit {
  constructor(
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    @Inject(REGISTRY_OFFICE_SETTINGS) private readonly settings: RegistryOfficeSettings,
  ) {
    super(storage, 'verifications', 'verifications');
  }

  protected limit(): number {
    return this.settings.verificationRateLimitPerMinute;
  }
}
