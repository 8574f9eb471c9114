import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { NotTheApplicant, ReceivingOfficeError, UnknownApplication, UnknownShipment, WrongStatus } from './domain/errors';

/** 404 for what does not exist here, 403 for the wrong person, 409 for everything the current state forbids. */
function statusOf(err: ReceivingOfficeError): HttpStatus {
  if (err instanceof UnknownApplication || err instanceof UnknownShipment) return HttpStatus.NOT_FOUND;
  if (err instanceof NotTheApplicant) return HttpStatus.FORBIDDEN;
  return HttpStatus.CONFLICT;
}

/** The part of express's response this filter uses (express types are not a dependency here). */
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

const ERROR_NAMES: Partial<Record<HttpStatus, string>> = { 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };

/**
 * A clerk's request the rules refuse, as a 4xx in the shape of a validation error (`errors: [{ field, reason }]`),
 * with the application's current status when that is the reason.
 */
@Catch(ReceivingOfficeError)
export class DomainErrorFilter implements ExceptionFilter<ReceivingOfficeError> {
  catch(err: ReceivingOfficeError, host: ArgumentsHost): void {
    const status = statusOf(err);
    host
      .switchToHttp()
      .getResponse<JsonResponse>()
      .status(status)
      .json({
        statusCode: status,
        error: ERROR_NAMES[status],
        message: err.message,
        ...(err instanceof WrongStatus ? { currentStatus: err.currentStatus } : {}),
        errors: [{ field: err.field, reason: err.message }],
      });
  }
}
