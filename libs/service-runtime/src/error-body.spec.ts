import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { DomainError, InvalidFields } from '@idcard/errors';
import { errorBodyOf } from './error-body';

class ApplicationClosed extends DomainError {
  constructor(receipt: string) {
    super({
      code: 'APPLICATION_CLOSED',
      kind: 'conflict',
      message: `application ${receipt} is closed`,
      field: 'receiptNumber',
      details: { currentStatus: 'issued' },
    });
  }
}

describe('errorBodyOf', () => {
  it('answers a domain error with the status of its kind, its code, its field and its details', () => {
    expect(errorBodyOf(new ApplicationClosed('R1'), true)).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'application R1 is closed',
      code: 'APPLICATION_CLOSED',
      errors: [{ field: 'receiptNumber', reason: 'application R1 is closed' }],
      currentStatus: 'issued',
    });
  });

  it('keeps every field of an invalid request', () => {
    const body = errorBodyOf(
      new InvalidFields([
        { field: 'a', reason: 'x' },
        { field: 'b.c', reason: 'y' },
      ]),
      true,
    );
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'INVALID_FIELDS', errors: [{ field: 'a' }, { field: 'b.c' }] });
  });

  it('tells an unknown route and a malformed body (refused before any route) from a routed 404 or 400', () => {
    expect(errorBodyOf(new NotFoundException('Cannot GET /nope'), false)).toMatchObject({ code: 'UNKNOWN_ROUTE', errors: [{ field: 'path' }] });
    expect(errorBodyOf(new BadRequestException('Unexpected end of JSON input'), false)).toMatchObject({
      statusCode: 400,
      code: 'MALFORMED_BODY',
      errors: [{ field: 'body' }],
    });
    expect(errorBodyOf(new NotFoundException('gone'), true)).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'gone' });
    expect(errorBodyOf(new PayloadTooLargeException(), true)).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers the body parser’s own errors (an oversized body) with their status', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large', limit: 2097152, expose: true });
    expect(errorBodyOf(tooLarge, false)).toMatchObject({ statusCode: 413, code: 'BODY_TOO_LARGE', errors: [{ field: 'body' }] });
    expect(errorBodyOf(tooLarge, false)!.message).toContain('2097152 bytes');
  });

  it('gives nothing away for what is not the client’s fault', () => {
    expect(errorBodyOf(new Error('connection refused'), true)).toBeNull();
    expect(errorBodyOf(Object.assign(new Error('x'), { status: 500, expose: false }), true)).toBeNull();
  });
});
