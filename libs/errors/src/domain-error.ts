/**
 * What kind of refusal an error is. The HTTP layer maps each kind to one status (libs/service-runtime's
 * error-body filter); domain code never names a status itself.
 */
/**
 * `refused`: a well-formed request another authority answered no to (a home registry refusing a temporary ID): 422.
 * `unprocessable`: a well-formed request this service cannot take as it stands (an idempotency key reused with another body): 422.
 */
export type ErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'refused' | 'unprocessable' | 'too-many' | 'unavailable';

/** One thing wrong with a request: the field (a dotted path into the body, or a path parameter) and why. */
export interface FieldError {
  field: string;
  reason: string;
}

export interface DomainErrorInit {
  /** Stable, upper snake case (UNKNOWN_APPLICATION): clients branch on it, so it never changes once released. */
  code: string;
  kind: ErrorKind;
  message: string;
  /** The field the error is about; its reason is the message. Give `errors` instead for several fields. */
  field?: string;
  errors?: FieldError[];
  /** Facts a caller acts on (the current status of an application, say); they appear beside the message. */
  details?: Record<string, unknown>;
}

/** Why a request cannot be done, in the domain's words: a named subclass per rule, each with a stable code. */
export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly errors: FieldError[];
  readonly details: Record<string, unknown>;

  constructor(init: DomainErrorInit) {
    super(init.message);
    this.name = new.target.name;
    this.code = init.code;
    this.kind = init.kind;
    this.errors = init.errors ?? (init.field ? [{ field: init.field, reason: init.message }] : []);
    this.details = init.details ?? {};
  }
}

/** A request whose fields break the rules: every bad field at once, never just the first. */
export class InvalidFields extends DomainError {
  constructor(errors: FieldError[], message = 'the request has invalid fields') {
    super({ code: 'INVALID_FIELDS', kind: 'invalid', message, errors });
  }
}
