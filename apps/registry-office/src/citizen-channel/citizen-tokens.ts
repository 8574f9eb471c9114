import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { CITIZEN_ROLE, Principal, Unauthenticated } from '@idcard/access';
import { CLOCK, Clock } from '@idcard/clock';
import type { ServiceIdentity } from '@idcard/messaging';
import { SERVICE_IDENTITY } from '@idcard/service-runtime';
import { jwtVerify, SignJWT } from 'jose';
import type { RegistryOfficeSettings } from '../config';
import { CITIZEN_SESSION_TTL_SECONDS } from '../domain/one-time-code';
import { REGISTRY_OFFICE_SETTINGS } from '../settings.module';

/** Audience of citizen session tokens: no other service or route takes them. */
export const CITIZEN_AUDIENCE = 'idcard-citizen-channel';

/** A citizen signed in: who they are to the audit trail (opaque), and the ID number their routes act on. */
export interface CitizenSession {
  principal: Principal;
  idNumber: string;
}

/**
 * The Ed25519 key of the citizen channel: read from CITIZEN_TOKEN_KEY_FILE (made there on first start, 0600, as the
 * development issuer makes its key), or generated in memory when no file is configured.
 */
function signingKey(file: string | undefined): KeyObject {
  if (!file) return generateKeyPairSync('ed25519').privateKey;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another replica made it first
    }
  }
  return createPrivateKey(fs.readFileSync(file, 'utf8'));
}

/**
 * Session tokens of the citizen channel (jose, EdDSA): issued by this registry after a one-time code, short-lived,
 * for its own audience, so the identity provider's verifier refuses them everywhere else and this verifier refuses
 * everything but them. The subject is opaque (a hash of province and ID number): it goes into logs and the audit trail.
 */
@Injectable()
export class CitizenTokens {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly issuer: string;

  constructor(
    @Inject(REGISTRY_OFFICE_SETTINGS) settings: RegistryOfficeSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {
    this.privateKey = signingKey(settings.citizenTokenKeyFile);
    this.publicKey = createPublicKey(this.privateKey);
    this.issuer = `idcard-registry-office-${identity.province}-citizen-channel`;
  }

  subjectOf(idNumber: string): string {
    return `citizen:${this.identity.province}:${createHash('sha256').update(`citizen-subject\n${this.identity.province}\n${idNumber}`).digest('hex').slice(0, 16)}`;
  }

  async issue(idNumber: string): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expires = issuedAt + CITIZEN_SESSION_TTL_SECONDS;
    const token = await new SignJWT({ idNumber })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(CITIZEN_AUDIENCE)
      .setSubject(this.subjectOf(idNumber))
      .setIssuedAt(issuedAt)
      .setExpirationTime(expires)
      .sign(this.privateKey);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  async verify(token: string): Promise<CitizenSession> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer,
        audience: CITIZEN_AUDIENCE,
        algorithms: ['EdDSA'],
        currentDate: this.clock.now(),
      });
      const idNumber = payload.idNumber;
      if (typeof idNumber !== 'string' || payload.sub !== this.subjectOf(idNumber)) throw new Error('claims do not match');
      return {
        idNumber,
        principal: { subject: payload.sub, name: 'citizen', role: CITIZEN_ROLE, province: this.identity.province, office: null },
      };
    } catch (err) {
      throw new Unauthenticated(`not a citizen session of this registry (${(err as { code?: string }).code ?? (err as Error).message})`);
    }
  }
}
