import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { DomainError } from '@idcard/errors';
import { AuthenticatedRequest, PUBLIC_LOOKUP } from './access.decorators';
import { ACCESS_OPTIONS, AccessOptions } from './access.guard';

class TooManyRequests extends DomainError {
  constructor() {
    super({ code: 'TOO_MANY_REQUESTS', kind: 'too-many', message: 'too many requests: slow down and try again in a minute', field: 'request' });
  }
}

/**
 * Rate limits per caller: per token subject where the access guard has authenticated one, per address otherwise
 * (a citizen's progress query, a guesser of receipt numbers). Runs after the access guard.
 */
@Injectable()
export class RequestThrottleGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(ACCESS_OPTIONS) private readonly access: AccessOptions,
  ) {
    super(options, storage, reflector);
  }

  protected async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = (req as AuthenticatedRequest).principal;
    return principal ? `subject:${principal.subject}` : `address:${String(req.ip ?? 'unknown')}`;
  }

  protected async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.context.getType() !== 'http') return true;
    const { principal } = request.context.switchToHttp().getRequest<AuthenticatedRequest>();
    const limits = this.access;
    const lookup = this.reflector.getAllAndOverride<boolean>(PUBLIC_LOOKUP, [request.context.getHandler(), request.context.getClass()]);
    const limit = lookup
      ? (limits.lookupRateLimitPerMinute ?? 10)
      : principal
        ? (limits.rateLimitPerMinute ?? 600)
        : (limits.anonymousRateLimitPerMinute ?? 60);
    try {
      return await super.handleRequest({ ...request, limit });
    } catch (err) {
      if (err instanceof ThrottlerException) throw new TooManyRequests();
      throw err;
    }
  }
}
