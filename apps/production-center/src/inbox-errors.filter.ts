import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Hands a consumer's error to the Kafka inbox transport as thrown. Nest's default RPC filter replaces every error
 * but RpcException with "Internal server error", so RejectMessage would never be dead-lettered at once, with its
 * reason. Local until @idcard/messaging does this itself.
 */
@Catch()
export class InboxErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
