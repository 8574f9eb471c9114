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
import { ACCESS_OPTIONS, AccessOptions } from './access.guard';
import { retryWhileUnavailable } from './retry-while-unavailable';
import { outageOf, unavailableCode } from '../outage';
import { ServiceMetrics } from '../operations/service-metrics';

/** How long an audited answer waits for its entry while the database is unavailable, unless AccessOptions say. */
const DEFAULT_AUDIT_PATIENCE_MS = 30_000;

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
  // A part that is down is answered 503 by the error filter, after this interceptor: record what the client is told.
  const outage = outageOf(err);
  if (outage) return { outcome: 503, code: unavailableCode(outage.part) };
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
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
    private readonly metrics: ServiceMetrics,
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

  /**
   * The answer waits for its entry: an audited action is not answered before it is on record. A database that is
   * slow to give a connection or briefly down is waited out (its action has already committed, so the entry must
   * follow), except behind a 503, which changed nothing; past the patience, or when the database refuses the row, the answer still goes out (the change stands)
   * and the missing entry is counted (idcard_audit_append_failures_total, alert AuditEntriesMissing) and logged.
   */
  private async append(request: HttpRequest, action: string, outcome: number, errorCode: string | null, receiptNumber: string | null): Promise<void> {
    const entry = { principal: request.principal!, at: this.clock.now(), action, receiptNumber, outcome, errorCode };
    // A 503 says the database (or Kafka) is down and nothing changed: its entry gets one try, and the client its answer
    // at once rather than after the patience.
    const patienceMs = outcome === 503 ? 0 : (this.options.auditPatienceMs ?? DEFAULT_AUDIT_PATIENCE_MS);
    const result = await retryWhileUnavailable(() => this.trail.append(entry), { patienceMs });
    if (result.ok) {
      if (result.attempts > 1) this.logger.warn({ event: 'audit.append-retried', action, attempts: result.attempts });
      return;
    }
    this.metrics.auditAppendFailed(result.unavailable ? 'database-unavailable' : 'refused');
    this.logger.error({ event: 'audit.append-failed', action, attempts: result.attempts, error: result.error.message });
  }
}
