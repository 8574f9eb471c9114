import { createPublicKey, KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, JSONWebKeySet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Principal, Role, ROLES, Unauthenticated } from './principal';

/** Where tokens are checked against: the province identity provider's JWKS, or local public key files. */
export interface TokenSettings {
  /** AUTH_JWKS_URL: the identity provider's JSON Web Key Set. */
  jwksUrl?: string;
  /** AUTH_PUBLIC_KEY: PEM public key file(s) of the issuer (the development issuer's, under npm start). */
  publicKeyFiles?: string[];
  /** AUTH_ISSUER and AUTH_AUDIENCE: the token's iss and aud must be these. */
  issuer: string;
  audience: string;
}

const ALGORITHMS = ['EdDSA', 'ES256', 'RS256', 'PS256'];

function claimText(payload: JWTPayload, name: string): string | null {
  const value = payload[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The principal a verified token names; throws Unauthenticated for a token whose claims make no principal. */
export function principalOf(payload: JWTPayload): Principal {
  const role = claimText(payload, 'role');
  if (!role || !(ROLES as readonly string[]).includes(role))
    throw new Unauthenticated(`the token's role ${JSON.stringify(role)} is not one of ${ROLES.join(', ')}`);
  if (!payload.sub) throw new Unauthenticated('the token names no subject (sub)');
  const office = claimText(payload, 'office');
  if (role === 'clerk' && !(office && /^\d{8}$/.test(office))) throw new Unauthenticated('a clerk token must name the 8-digit receiving office (office)');
  const province = claimText(payload, 'province');
  if (province !== null && !/^\d{2}$/.test(province)) throw new Unauthenticated(`the token's province ${JSON.stringify(province)} is not a province code`);
  if (office && province && !office.startsWith(province)) throw new Unauthenticated(`office ${office} is not in province ${province}`);
  return {
    subject: payload.sub,
    name: claimText(payload, 'name') ?? payload.sub,
    role: role as Role,
    province: province ?? (office ? office.slice(0, 2) : null),
    office,
  };
}

/** Verifies bearer tokens (jose): signature against the configured keys, issuer, audience, expiry. */
export class TokenVerifier {
  private constructor(
    private readonly keys: JWTVerifyGetKey | KeyObject[],
    private readonly settings: TokenSettings,
    private readonly now: () => Date,
  ) {}

  /** `now` is the service's clock: expiry is judged by it, so a test that moves the clock moves token time too. */
  static fromSettings(settings: TokenSettings, now: () => Date = () => new Date()): TokenVerifier {
    if (settings.jwksUrl) return new TokenVerifier(createRemoteJWKSet(new URL(settings.jwksUrl)), settings, now);
    const keys = (settings.publicKeyFiles ?? []).map((file) => createPublicKey(fs.readFileSync(file, 'utf8')));
    if (keys.length === 0) throw new Error('token verification needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY');
    return new TokenVerifier(keys, settings, now);
  }

  /** A verifier over a key set given in full (tests of a JWKS). */
  static fromJwks(jwks: JSONWebKeySet, settings: TokenSettings, now: () => Date = () => new Date()): TokenVerifier {
    return new TokenVerifier(createLocalJWKSet(jwks), settings, now);
  }

  async verify(token: string): Promise<Principal> {
    const options = { issuer: this.settings.issuer, audience: this.settings.audience, algorithms: ALGORITHMS, currentDate: this.now() };
    const failures: string[] = [];
    const candidates = Array.isArray(this.keys) ? this.keys : [this.keys];
    for (const key of candidates) {
      try {
        const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
        return principalOf(payload);
      } catch (err) {
        if (err instanceof Unauthenticated) throw err;
        failures.push((err as { code?: string; message: string }).code ?? (err as Error).message);
      }
    }
    throw new Unauthenticated(`the token does not verify (${[...new Set(failures)].join(', ')})`);
  }
}
