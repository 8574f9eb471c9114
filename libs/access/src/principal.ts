import { DomainError } from '@idcard/errors';

/** What a person (or a client system) may be, each bound to where it works. */
export const ROLES = ['clerk', 'reviewer', 'operator', 'register-admin', 'ops', 'verifier'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A citizen signed in on a registry office's own channel (ID number and a one-time code sent by SMS to the register's
 * phone number). Not a Role: the identity provider never issues it and no @Allow route names it; only the registry's
 * citizen routes, with their own guard and key, take such a principal.
 */
export const CITIZEN_ROLE = 'citizen';
export type PrincipalRole = Role | typeof CITIZEN_ROLE;

/**
 * Who is calling, from a verified token: the subject and name the token's issuer vouches for, the role, and
 * where the role is held — a province (every role but a national `ops` or `verifier`) and, for a clerk, the
 * 8-digit code of the receiving office they work at.
 */
export interface Principal {
  subject: string;
  name: string;
  role: PrincipalRole;
  /** Province code the role is held in; null for a national role (ops of the national operator, a verifier). */
  province: string | null;
  /** A clerk's receiving office code (8 digits); null for the other roles. */
  office: string | null;
}

/** No token, or one that does not verify: 401. */
export class Unauthenticated extends DomainError {
  constructor(reason: string) {
    super({ code: 'UNAUTHENTICATED', kind: 'unauthenticated', message: `a valid bearer token is needed: ${reason}`, field: 'authorization' });
  }
}

/** A verified caller who may not do this here: 403, saying which role or office was needed. */
export class NotAllowed extends DomainError {
  constructor(message: string, needed: { roles?: readonly Role[]; province?: string; office?: string }) {
    super({ code: 'NOT_ALLOWED', kind: 'forbidden', message, field: 'authorization', details: { needed } });
  }
}

/** What a route asks of its caller: one of the roles, held in this service's province (unless national roles may). */
export interface Requirement {
  roles: readonly Role[];
}

/** Null when the principal meets the requirement at a service of `province`; otherwise why not. */
export function refusal(principal: Principal, requirement: Requirement, province: string): NotAllowed | null {
  if (!(requirement.roles as readonly string[]).includes(principal.role)) {
    return new NotAllowed(`this needs the role ${requirement.roles.join(' or ')}; the token's role is ${principal.role}`, { roles: requirement.roles });
  }
  // A national role (no province in its token) acts anywhere; every other role only in its own province.
  if (principal.province !== null && principal.province !== province) {
    return new NotAllowed(`a ${principal.role} of province ${principal.province} cannot act at the ${describe(province)}`, {
      roles: requirement.roles,
      province,
    });
  }
  if (principal.province === null && !(NATIONAL_ROLES as readonly string[]).includes(principal.role)) {
    return new NotAllowed(`a ${principal.role} token must name the province it is held in`, { roles: requirement.roles, province });
  }
  return null;
}

/** Roles a national body holds without a province. */
export const NATIONAL_ROLES: readonly Role[] = ['ops', 'verifier'];

function describe(province: string): string {
  return `service of province ${province}`;
}

/** A clerk acts only for their own receiving office: submissions, arrivals and handovers there. */
export function officeRefusal(principal: Principal, officeCode: string): NotAllowed | null {
  if (principal.role !== 'clerk') return null;
  if (principal.office === officeCode) return null;
  return new NotAllowed(`a clerk of office ${principal.office ?? '(none)'} cannot act for office ${officeCode}`, { roles: ['clerk'], office: officeCode });
}

/** Throws NotAllowed unless the principal may act for that office (see officeRefusal). */
export function assertOwnOffice(principal: Principal, officeCode: string): void {
  const refused = officeRefusal(principal, officeCode);
  if (refused) throw refused;
}
