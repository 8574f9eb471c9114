import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { Unauthenticated } from '@idcard/access';
import type { AuthenticatedRequest } from '@idcard/service-runtime';
import { CitizenSession, CitizenTokens } from './citizen-tokens';

interface CitizenRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  citizen?: CitizenSession;
}

/**
 * The guard of the citizen's own routes (marked @Public() for the service-wide guard, which knows only the identity
 * provider's tokens): a citizen session token of this registry, nothing else — a clerk's or verifier's token is 401
 * here, and a citizen's token is 401 on every other route. The principal it sets is audited like any other.
 */
@Injectable()
export class CitizenSessionGuard implements CanActivate {
  constructor(private readonly tokens: CitizenTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CitizenRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer\s+\S+$/i.test(header) ? header.replace(/^Bearer\s+/i, '') : null;
    if (!token) throw new Unauthenticated('send an Authorization: Bearer header with a citizen session token (POST /citizens/sessions)');
    const session = await this.tokens.verify(token);
    request.citizen = session;
    request.principal = session.principal;
    return true;
  }
}

/** The signed-in citizen: `@Citizen() citizen: CitizenSession`, on routes behind CitizenSessionGuard. */
export const Citizen = createParamDecorator((_: unknown, ctx: ExecutionContext): CitizenSession => {
  const citizen = ctx.switchToHttp().getRequest<CitizenRequest>().citizen;
  if (!citizen) throw new Error('@Citizen() on a route without CitizenSessionGuard');
  return citizen;
});
