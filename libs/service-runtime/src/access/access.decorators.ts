import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Principal, Role } from '@idcard/access';

export const ALLOWED_ROLES = 'idcard:allowed-roles';
export const PUBLIC_ROUTE = 'idcard:public-route';
export const AUDITED_READ = 'idcard:audited-read';
export const METRICS_ROUTE = 'idcard:metrics-route';
export const PUBLIC_LOOKUP = 'idcard:public-lookup';

/** The roles that may call a route (each held in this service's province; a national ops or verifier anywhere). */
export function Allow(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiBearerAuth());
}

/** A route anyone may call without a token (liveness, readiness; rate-limited per address). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * A lookup anyone may try without a token (a citizen's progress query by receipt number and part of the ID
 * number): open, but held to its own tight limit per address (AccessOptions.lookupRateLimitPerMinute) against guessing.
 */
export const PublicLookup = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), SetMetadata(PUBLIC_LOOKUP, true));

/** /metrics: open when the deployment says so (METRICS_PUBLIC, the default: Prometheus scrapes it), else ops only. */
export const MetricsRoute = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(METRICS_ROUTE, true), SetMetadata(ALLOWED_ROLES, ['ops']));

/** A read of personal data: recorded in the audit trail like every change of state. */
export const AuditedRead = (): MethodDecorator => SetMetadata(AUDITED_READ, true);

/** The request as the access guard leaves it. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The caller, from the verified token (never from the body): `@Actor() actor: Principal`. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('@Actor() on a route without @Allow(): the access guard has not authenticated anyone');
  return principal;
});
