import { applyDecorators, ArgumentsHost, Catch, Controller, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Hands a message handler's error to the Kafka inbox transport as thrown. Nest's default RPC filter turns
 * every error but RpcException into "Internal server error", which would hide a RejectMessage and its reason.
 */
@Catch()
export class PassErrorsToTransport implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a class of `@EventPattern` handlers: a Nest controller whose errors reach the inbox transport as
 * thrown, so a RejectMessage is dead-lettered at once with its reason and other errors are retried.
 */
export function InboxConsumer(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(new PassErrorsToTransport()));
}
