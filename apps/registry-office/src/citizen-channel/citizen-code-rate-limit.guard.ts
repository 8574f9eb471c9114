import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import type { RegistryOfficeSettings } from '../config';
import { PerMinuteLimit } from '../rate-limit/per-minute-limit';
import { REGISTRY_OFFICE_SETTINGS } from '../settings.module';

/** CITIZEN_CODE_RATE_LIMIT_PER_MINUTE per address: asking for codes and signing in (a guesser of codes or of ID numbers). */
@Injectable()
export class CitizenCodeRateLimit extends PerMinuteLimit {
  constructor(
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    @Inject(REGISTRY_OFFICE_SETTINGS) private readonly settings: RegistryOfficeSettings,
  ) {
    super(storage, 'citizen-codes', 'one-time-code requests');
  }

  protected limit(): number {
    return this.settings.citizenCodeRateLimitPerMinute;
  }
}
