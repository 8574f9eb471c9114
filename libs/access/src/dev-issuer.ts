import { createHash, createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import type { Role } from './principal';

/** The development issuer npm start, the demo and the tests run: its key pair lives in `<dir>/issuer.key|.pub`. */
export const DEV_ISSUER = 'idcard-dev-issuer';
export const DEV_AUDIENCE = 'idcard';

export interface TokenRequest {
  role: Role;
  /** Province the role is held in; omitted for a national ops or verifier token. */
  province?: string;
  /** A clerk's receiving office code. */
  office?: string;
  name: string;
  /** sub; derived from the name and role when not given. */
  subject?: string;
  /** Lifetime in seconds (default 8 h). */
  ttlSeconds?: number;
}

export function devIssuerFiles(dir: string): { privateKey: string; publicKey: string } {
  return { privateKey: path.join(dir, 'issuer.key'), publicKey: path.join(dir, 'issuer.pub') };
}

/**
 * Signs tokens as a province identity provider would (EdDSA). The key is generated into `dir` on first use and
 * never overwritten, so tokens printed by `npm run ops -- token` work against the running npm start.
 */
export class DevIssuer {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKeyFile: string,
    private readonly now: () => Date,
  ) {}

  static open(dir: string, now: () => Date = () => new Date()): DevIssuer {
    const files = devIssuerFiles(dir);
    if (!fs.existsSync(files.privateKey)) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      try {
        fs.writeFileSync(files.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
        fs.writeFileSync(files.publicKey, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
      }
    }
    return new DevIssuer(createPrivateKey(fs.readFileSync(files.privateKey, 'utf8')), files.publicKey, now);
  }

  issue(request: TokenRequest): Promise<string> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const claims: Record<string, string> = { role: request.role, name: request.name };
    if (request.province) claims.province = request.province;
    if (request.office) claims.office = request.office;
    // A subject is an opaque id, as an identity provider's is: it goes into logs and the audit trail, a name must not.
    const subject =
      request.subject ??
      `${request.role}:${request.office ?? request.province ?? 'national'}:${createHash('sha256').update(request.name).digest('hex').slice(0, 12)}`;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + (request.ttlSeconds ?? 8 * 3600))
      .sign(this.privateKey);
  }
}
