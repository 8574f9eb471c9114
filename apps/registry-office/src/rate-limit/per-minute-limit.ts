import { CanActivate, ExecutionContext } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '@idcard/service-runtime';
import { DomainError } from '@idcard/errors';

/** 429, the same body as the service-wide limits give. */
export class TooManyRequests extends DomainError {
  constructor(what: string) {
    super({ code: 'TOO_MANY_REQUESTS', kind: 'too-many', message: `too many ${what}: slow down and try again in a minute`, field: 'request' });
  }
}

/**
 * A limit a minute of its own on top of the service-wide one (RequestThrottleGuard), kept in the same throttler
 * storage (@nestjs/throttler): per token subject when there is one, per address otherwise. Runs after the global
 * guards, so the caller is known.
 */
export abstract class PerMinuteLimit implements CanActivate {
  protected constructor(
    private readonly storage: ThrottlerStorage,
    private readonly name: string,
    private readonly what: string,
  ) {}

  protected abstract limit(): number;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { ip?: string }>();
    const caller = request.principal ? `subject:${request.principal.subject}` : `address:${request.ip ?? 'unknown'}`;
    const limit = this.limit();
    const { totalHits } = await this.storage.increment(`${this.name}:${caller}`, 60_000, limit, 0, this.name);
    if (totalHits > limit) throw new TooManyRequests(this.what);
    return true;
  }
}
