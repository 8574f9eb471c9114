import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Sealed values start with this, so a row written before encryption (plain text) is told apart and still read. */
const PREFIX = 'bio1';
const AAD = 'idcard-biometric-v1';

export interface BiometricsKey {
  id: string;
  key: Buffer;
}

/**
 * The keys photos and fingerprint templates are sealed with at rest (AES-256-GCM, node:crypto): the first is the
 * one new values are sealed with, the others still open what they sealed (a rotation). Each sealed value names
 * its key id, so a rotation needs no rewrite of old rows before the old key can go.
 */
export class BiometricsKeyring {
  private readonly byId: Map<string, Buffer>;

  constructor(readonly keys: readonly BiometricsKey[]) {
    if (keys.length === 0) throw new Error('a biometrics keyring needs at least one key');
    for (const k of keys) {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(k.id)) throw new Error(`biometrics key id ${JSON.stringify(k.id)} must be 1–32 letters, digits, - or _`);
      if (k.key.length !== 32) throw new Error(`biometrics key ${k.id} must be 32 bytes (AES-256), not ${k.key.length}`);
    }
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** `id:base64key[,id:base64key…]`, newest first: the form of BIOMETRICS_KEY. */
  static parse(text: string): BiometricsKeyring {
    return new BiometricsKeyring(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
          const [id, key, extra] = part.split(':');
          if (!id || !key || extra !== undefined) throw new Error(`biometrics key ${JSON.stringify(part.slice(0, 8) + '…')} is not id:base64key`);
          return { id, key: Buffer.from(key, 'base64') };
        }),
    );
  }

  static generate(id = `k${Date.now().toString(36)}`): BiometricsKeyring {
    return new BiometricsKeyring([{ id, key: randomBytes(32) }]);
  }

  /** The development default: a key generated into `file` on first run (0600), read back afterwards. */
  static inFile(file: string): BiometricsKeyring {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      try {
        fs.writeFileSync(file, `${BiometricsKeyring.generate().toString()}\n`, { flag: 'wx', mode: 0o600 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    return BiometricsKeyring.parse(fs.readFileSync(file, 'utf8'));
  }

  toString(): string {
    return this.keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
  }

  get currentId(): string {
    return this.keys[0].id;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0].key, iv);
    cipher.setAAD(Buffer.from(`${AAD}:${this.currentId}`));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [PREFIX, this.currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  /** The plaintext of a sealed value; a value without the prefix was written before encryption and is returned as it is. */
  open(stored: string): string {
    if (!isSealed(stored)) return stored;
    const [, id, iv, tag, sealed] = stored.split('.');
    const key = this.byId.get(id);
    if (!key) throw new Error(`biometrics sealed with key ${id}, which this keyring does not hold`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${AAD}:${id}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * Bytes sealed whole (a message value with a photo inside, as an outbox row or the message log keeps it): the
 * sealed text's UTF-8, so a bytea column holds it; bytes without the prefix were stored before and come back as they are.
 */
export function sealBytes(keyring: BiometricsKeyring, bytes: Buffer): Buffer {
  return Buffer.from(keyring.seal(bytes.toString('base64')), 'utf8');
}

export function openBytes(keyring: BiometricsKeyring, stored: Buffer): Buffer {
  const text = stored.subarray(0, PREFIX.length + 1).toString('latin1') === `${PREFIX}.` ? stored.toString('utf8') : null;
  return text !== null && isSealed(text) ? Buffer.from(keyring.open(text), 'base64') : stored;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(`${PREFIX}.`) && stored.split('.').length === 5;
}
