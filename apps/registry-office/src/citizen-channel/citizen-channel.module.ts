import { DynamicModule, Module } from '@nestjs/common';
import { CitizenChannelController } from './citizen-channel.controller';
import { CitizenChannelService } from './citizen-channel.service';
import { CitizenCodeRateLimit } from './citizen-code-rate-limit.guard';
import { CitizenSessionGuard } from './citizen-session.guard';
import { CitizenTokens } from './citizen-tokens';

/** The citizen's own channel: one-time code by SMS, a session, their loss report, who checked their cards. */
@Module({})
export class CitizenChannelModule {
  static register(
    infrastructure: DynamicModule,
    settings: DynamicModule,
    notify: DynamicModule,
    losses: DynamicModule,
    verification: DynamicModule,
  ): DynamicModule {
    return {
      module: CitizenChannelModule,
      imports: [infrastructure, settings, notify, losses, verification],
      controllers: [CitizenChannelController],
      providers: [CitizenChannelService, CitizenTokens, CitizenSessionGuard, CitizenCodeRateLimit],
    };
  }
}
