import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NotAllowed, refusal, Role, TokenVerifier, Unauthenticated } from '@idcard/access';
import type { ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '../service-identity';
import { ALLOWED_ROLES, AuthenticatedRequest, METRICS_ROUTE, PUBLIC_ROUTE } from './access.decorators';

export const ACCESS_OPTIONS = Symbol('AccessOptions');

/** How a service checks its callers. */
export interface AccessOptions {
  verifier: TokenVerifier;
  /** /metrics without a token (default true): Prometheus scrapes it inside the province's network. */
  metricsPublic?: boolean;
  /** Requests a minute per token subject (default 600), and per address without a token (default 60). */
  rateLimitPerMinute?: number;
  anonymousRateLimitPerMinute?: number;
  /** Tries a minute per address at a @PublicLookup() route (default 10): a guesser of receipt numbers gets few. */
  lookupRateLimitPerMinute?: number;
  /**
   * How long an audited answer waits for its audit entry while the database is unreachable or out of connections
   * (default 30 000 ms), retrying with backoff; after that the entry is counted as missing and alerted on.
   */
  auditPatienceMs?: number;
}

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Every route is closed unless it says otherwise: @Public() routes are open, @Allow(roles) routes need a bearer
 * token that verifies (401 otherwise) and a role held in this service's province (403 naming what was needed),
 * and a route with neither is refused — a forgotten decorator fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(METRICS_ROUTE, targets) && this.options.metricsPublic !== false) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer\s+\S+$/i.test(header) ? header.replace(/^Bearer\s+/i, '') : null;
    if (!token) throw new Unauthenticated('send an Authorization: Bearer header');
    const principal = await this.options.verifier.verify(token);
    request.principal = principal;
    if (!roles) throw new NotAllowed('this route has no access rule: nobody may call it', {});
    const refused = refusal(principal, { roles }, this.identity.province);
    if (refused) throw refused;
    return true;
  }
}
