import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, retry, timer } from 'rxjs';

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

export function isTransactionConflict(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return RETRYABLE.has(e?.code ?? e?.driverError?.code ?? '');
}

/**
 * Runs a request again when its transaction lost a deadlock or serialization race. Safe because a request's
 * every effect (messages included, through the outbox) is inside the transaction that was rolled back.
 */
@Injectable()
export class RetryTransactionConflicts implements NestInterceptor {
  constructor(private readonly attempts = 3) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      retry({
        count: this.attempts,
        delay: (err, attempt) => {
          if (!isTransactionConflict(err)) throw err;
          return timer(10 * attempt + Math.floor(Math.random() * 20));
        },
      }),
    );
  }
}
