import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { errorBodyOf, INTERNAL_ERROR_BODY } from './error-body';
import { OUTAGE_RETRY_AFTER_SECONDS } from './outage';

/** The parts of Express's request and response this filter uses (express types are not a dependency here). */
interface HttpRequest {
  route?: unknown;
  method: string;
}
interface HttpResponse {
  headersSent: boolean;
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void };
}

/**
 * Every HTTP error of a service in the one body (`{ statusCode, error, message, code, errors: [{ field, reason }] }`):
 * domain errors, validation, malformed or oversized bodies, unknown routes, and a part that is down (503 with Retry-After,
 * `part: 'database'`). Anything else unforeseen is a 500 that is logged.
 */
@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    if (response.headersSent) return;
    // A 5xx thrown on purpose (readiness's 503, which names the part that is down in Terminus's health format) is
    // an answer, not a failure: it keeps its status and its body, which probes and operators read as they are.
    if (err instanceof HttpException && err.getStatus() >= 500) {
      if (err.getStatus() === 503) response.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
      response.status(err.getStatus()).json(err.getResponse());
      return;
    }
    const answer = errorBodyOf(err, request.route !== undefined);
    if (!answer)
      this.logger.error({
        event: 'http.failed',
        method: request.method,
        error: err instanceof Error ? err.message : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
    const sent = answer ?? INTERNAL_ERROR_BODY;
    // A part that is down (or a domain error of kind unavailable): the client may come back, and is told when.
    if (sent.statusCode === 503) {
      response.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
      if (sent.part) this.logger.warn({ event: 'http.part-unavailable', method: request.method, part: sent.part, error: sent.errors[0]?.reason });
    }
    response.status(sent.statusCode).json(sent);
  }
}
