import { NotFoundException } from '@nestjs/common';

/** 404 in the shape of the 400s: the message and the field that named nothing here. */
export function notFound(field: string, value: string, what: string): NotFoundException {
  const reason = `no ${what} ${value} at this production centre`;
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: reason, errors: [{ field, reason }] });
}
