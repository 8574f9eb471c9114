import { createPrivateKey, KeyObject } from 'node:crypto';
import * as fs from 'node:fs/promises';
import type { ProvinceCode, ServiceName } from '@idcard/contracts';
import { serviceKeyId } from './key-files';
import { MessageSignature, PrivateKeyInput, publicKeyOf, PublicKeyInput, SignedContent, signMessage } from './signing';
import { isValidAt, parseAndVerifyTrustList, TrustList } from './trust-list';
import { ReceivedMessage, SkewWindow, Verification, verifyMessage } from './verify-message';

/** Where a service gets the national trust list: a file path, or an http(s) URL it fetches. */
export function readTrustListSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    return fetch(source).then(async (res) => {
      if (!res.ok) throw new Error(`GET ${source} answered ${res.status}`);
      return res.text();
    });
  }
  return fs.readFile(source, 'utf8');
}

export interface ServiceTrustOptions {
  identity: { service: ServiceName; province: ProvinceCode | string };
  /** Private keys the service may sign with: one, or two while it rotates (the list decides which is in force). */
  signingKeys: readonly PrivateKeyInput[];
  /** File path or URL of the signed trust list. */
  trustListSource: string;
  /** The national root key(s) the list must be signed by (two while the root rotates). */
  rootPublicKeys: readonly PublicKeyInput[];
  /** How far a message's occurredAt may lie behind and ahead of the receiver's clock. */
  allowedSkew: SkewWindow;
  /** The service's clock. */
  now: () => Date;
  /** Reads the source; readTrustListSource by default. */
  read?: (source: string) => Promise<string>;
}

/** A reload's outcome, for the log: nothing new, a newer list taken, or why the text on offer was refused. */
export type TrustListReload = { outcome: 'unchanged' } | { outcome: 'replaced'; from: number; to: number } | { outcome: 'refused'; reason: string };

/** What /health/ready and /metrics say about the list in force. */
export interface TrustStatus {
  version: number;
  issuedAt: Date;
  nextUpdateBy: Date;
  stale: boolean;
  /** The key this service signs with now, or null when none of its keys is valid in the list. */
  signingKeyId: string | null;
  lastReloadProblem: string | null;
}

interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/**
 * One service's side of the trust between provinces: the verified national trust list in force (reloaded when
 * its source changes; only a newer version is taken, so a replayed old list cannot bring back a revoked key), the
 * keys it signs with, and the check every received message passes before it is applied.
 */
export class ServiceTrust {
  private text: string;
  private problem: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly options: ServiceTrustOptions,
    private readonly keys: readonly SigningKey[],
    private list: TrustList,
    text: string,
  ) {
    this.text = text;
  }

  /**
   * Loads and verifies the list; refuses (throws) a list that does not verify, is already stale, or holds none of
   * the service's keys as valid now — a service must not start unable to sign or to judge what it receives.
   */
  static async load(options: ServiceTrustOptions): Promise<ServiceTrust> {
    const { service, province } = options.identity;
    const read = options.read ?? readTrustListSource;
    const text = await read(options.trustListSource);
    const list = parseAndVerifyTrustList(text, options.rootPublicKeys);
    const now = options.now();
    if (list.isStale(now))
      throw new Error(`trust list version ${list.version} from ${options.trustListSource} needed replacing by ${list.nextUpdateBy.toISOString()}`);
    const keys = options.signingKeys.map((k) => {
      const privateKey = typeof k === 'string' ? createPrivateKey(k) : k;
      return { privateKey, keyId: serviceKeyId(service, province, publicKeyOf(privateKey)) };
    });
    const trust = new ServiceTrust(options, keys, list, text);
    if (!trust.currentKey(now)) {
      throw new Error(
        `none of the ${keys.length} signing key(s) of ${service} ${province} (${keys.map((k) => k.keyId).join(', ')}) is valid in trust list version ${list.version}`,
      );
    }
    return trust;
  }

  get trustList(): TrustList {
    return this.list;
  }

  /** The key in force: of this service's keys valid now in the list, the one valid from latest (a rotation's new key). */
  private currentKey(now: Date): SigningKey | null {
    let best: { key: SigningKey; from: number } | null = null;
    for (const key of this.keys) {
      const entry = this.list.entry(key.keyId);
      if (!entry || !isValidAt(entry, now)) continue;
      if (!best || entry.validFrom.getTime() > best.from) best = { key, from: entry.validFrom.getTime() };
    }
    return best?.key ?? null;
  }

  sign(content: SignedContent): MessageSignature {
    const key = this.currentKey(this.options.now());
    if (!key)
      throw new Error(
        `${this.options.identity.service} ${this.options.identity.province} holds no signing key valid now in trust list version ${this.list.version}`,
      );
    return signMessage(content, key.privateKey, key.keyId);
  }

  verify(message: ReceivedMessage): Verification {
    return verifyMessage(message, { trustList: this.list, now: this.options.now(), allowedSkew: this.options.allowedSkew });
  }

  /** Reads the source again and takes the list if it changed, verifies and is newer. Never throws. */
  async reload(): Promise<TrustListReload> {
    try {
      const text = await (this.options.read ?? readTrustListSource)(this.options.trustListSource);
      if (text === this.text) return { outcome: 'unchanged' };
      const next = parseAndVerifyTrustList(text, this.options.rootPublicKeys);
      if (!next.isNewerThan(this.list)) throw new Error(`version ${next.version} is not newer than version ${this.list.version} in force`);
      const from = this.list.version;
      this.list = next;
      this.text = text;
      this.problem = null;
      return { outcome: 'replaced', from, to: next.version };
    } catch (err) {
      this.problem = (err as Error).message;
      return { outcome: 'refused', reason: this.problem };
    }
  }

  /** Reloads every `intervalMs` (real time); `onReload` hears of every change or refusal. */
  watch(intervalMs: number, onReload: (result: TrustListReload) => void): void {
    this.unwatch();
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => {
      void this.reload().then((result) => result.outcome !== 'unchanged' && onReload(result));
    }, intervalMs);
    this.timer.unref();
  }

  unwatch(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): TrustStatus {
    const now = this.options.now();
    return {
      version: this.list.version,
      issuedAt: this.list.issuedAt,
      nextUpdateBy: this.list.nextUpdateBy,
      stale: this.list.isStale(now),
      signingKeyId: this.currentKey(now)?.keyId ?? null,
      lastReloadProblem: this.problem,
    };
  }
}
