import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { CLOCK, Clock } from '@idcard/clock';
import { DomainError } from '@idcard/errors';
import { HttpException } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AUDITED_READ, AuthenticatedRequest } from './access.decorators';
import { STATUS_OF } from '../error-body';
import { AuditTrail } from './audit-trail';

interface HttpRequest extends AuthenticatedRequest {
  method: string;
  params?: Record<string, string>;
  body?: unknown;
  route?: { path?: string };
}

/** The receipt a request is about: a route parameter, the body's, or the answer's (a submission's new receipt). */
function receiptOf(request: HttpRequest, answer: unknown): string | null {
  const fromParams = request.params?.receipt ?? request.params?.receiptNumber;
  if (fromParams) return fromParams;
  for (const source of [answer, request.body]) {
    const value = (source as { receiptNumber?: unknown } | null)?.receiptNumber;
    if (typeof value === 'string') return value;
  }
  return null;
}

function statusOf(err: unknown): { outcome: number; code: string } {
  if (err instanceof DomainError) {
    return { outcome: STATUS_OF[err.kind], code: err.code };
  }
  if (err instanceof HttpException) return { outcome: err.getStatus(), code: `HTTP_${err.getStatus()}` };
  return { outcome: 500, code: 'INTERNAL_ERROR' };
}

/**
 * Records every authenticated request that changes state (any method but GET) or reads personal data
 * (@AuditedRead), after it has been answered or refused, in the service's append-only audit_event table. A
 * refusal by the access guard itself is not here (no handler ran): those are in the HTTP metrics and logs.
 */
@Injectable()
export class AuditTrailInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AuditTrail');

  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const audited = request.method !== 'GET' || this.reflector.get<boolean>(AUDITED_READ, context.getHandler());
    if (!audited || !request.principal) return next.handle();
    const action = `${request.method} ${request.route?.path ?? context.getHandler().name}`;
    // The status Nest will answer with: the route's @HttpCode, else 201 for a POST and 200 otherwise.
    const successStatus = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    const record = (outcome: number, errorCode: string | null, answer: unknown) => this.append(request, action, outcome, errorCode, receiptOf(request, answer));
    return next.handle().pipe(
      mergeMap((answer) => from(record(successStatus, null, answer).then(() => answer))),
      catchError((err) => {
        const { outcome, code } = statusOf(err);
        return from(record(outcome, code, null)).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }

  private async append(request: HttpRequest, action: string, outcome: number, errorCode: string | null, receiptNumber: string | null): Promise<void> {
    try {
      await this.trail.append({ principal: request.principal!, at: this.clock.now(), action, receiptNumber, outcome, errorCode });
    } catch (err) {
      // The answer stands (the change is committed); a missing audit row is an operator's alarm, not the caller's error.
      this.logger.error({ event: 'audit.append-failed', action, error: (err as Error).message });
    }
  }
}
