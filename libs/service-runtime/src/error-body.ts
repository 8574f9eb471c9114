import { STATUS_CODES } from 'http';
import { HttpException } from '@nestjs/common';
import { DomainError, ErrorKind, FieldError } from '@idcard/errors';
import { Outage, outageOf, unavailableCode } from './outage';

/** The one JSON error body of every service: what went wrong, a stable code, and every field at fault. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  errors: FieldError[];
  /** A domain error's details (the current status of an application, say) stand beside the message. */
  [detail: string]: unknown;
}

/** The one HTTP status of each kind of domain error: the error body and the audit trail read it from here. */
export const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  refused: 422,
  unprocessable: 422,
  'too-many': 429,
  unavailable: 503,
};

function body(statusCode: number, code: string, message: string, errors: FieldError[], details: Record<string, unknown> = {}): ErrorBody {
  return { ...details, statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code, errors };
}

/** An error raised by Express's body parser (http-errors): a status it chose and a type naming the reason. */
interface BodyParserError {
  status: number;
  type?: string;
  limit?: number;
  expose?: boolean;
  message: string;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  const e = err as Partial<BodyParserError> | null;
  return !!e && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * The error body for anything a request can fail with — a part that is down (the database, Kafka) is a 503 naming
 * it — or null for what is not the client's fault (a bug): those are answered 500 without details. `routed` says whether the request reached a
 * route; one that did not was refused by the body parser or names no route at all.
 */
export function errorBodyOf(err: unknown, routed: boolean): ErrorBody | null {
  if (err instanceof DomainError) return body(STATUS_OF[err.kind], err.code, err.message, err.errors, err.details);
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status >= 500) return null;
    const message = messageOf(err);
    // Nest answers an unknown route with a NotFoundException and malformed JSON with a BadRequestException, before any route.
    if (!routed && status === 404) return body(404, 'UNKNOWN_ROUTE', message, [{ field: 'path', reason: 'no such route on this service' }]);
    if (!routed && status === 400) return body(400, 'MALFORMED_BODY', `the request body is not valid JSON: ${message}`, [{ field: 'body', reason: message }]);
    const code = (STATUS_CODES[status] ?? `HTTP ${status}`).toUpperCase().replace(/[^A-Z0-9]+/g, '_');
    return body(status, code, message, [{ field: 'request', reason: message }]);
  }
  if (isBodyParserError(err)) {
    if (err.status === 413) {
      const message = `the request body is larger than the ${err.limit ?? ''} bytes this service accepts`.replace('  ', ' ');
      return body(413, 'BODY_TOO_LARGE', message, [{ field: 'body', reason: message }]);
    }
    const code = (err.type ?? STATUS_CODES[err.status] ?? 'bad request').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
    return body(err.status, code, err.message, [{ field: 'body', reason: err.message }]);
  }
  const outage = outageOf(err);
  return outage && outageBody(outage);
}

/** A part the service needs is down: 503, its name in `part` and in the code (DATABASE_UNAVAILABLE), and what it said. */
export function outageBody({ part, reason }: Outage): ErrorBody {
  return body(503, unavailableCode(part), `the ${part} is unavailable; nothing was changed, try again later`, [{ field: part, reason }], { part });
}

/** What a 500 says: nothing about the cause, which is logged instead. */
export const INTERNAL_ERROR_BODY: ErrorBody = body(500, 'INTERNAL_ERROR', 'the service failed to answer; the error is logged', []);
