import * as fs from 'node:fs';
import type { Clock } from '@idcard/clock';
import type { ServiceName } from '@idcard/contracts';
import { SettingsReader } from '@idcard/settings';
import { keyFilePaths, ServiceTrust, SkewWindow } from '@idcard/trust';

const DAY_MS = 86_400_000;

/** Where a service finds its keys and the national trust list, and how it judges message times. */
export interface TrustSettings {
  /** SIGNING_KEY: PEM private key file(s), comma-separated: two while a key rotates. */
  signingKeyFiles: string[];
  /** TRUST_LIST: the signed trust list, a file path or an http(s) URL. */
  trustListSource: string;
  /** TRUST_ROOT_KEY: PEM public key file(s) of the national root, comma-separated: two while the root rotates. */
  rootPublicKeyFiles: string[];
  /** TRUST_LIST_RELOAD_MS: how often the list is read again (default 10 s; 0 = only at start). */
  reloadIntervalMs: number;
  /**
   * MESSAGE_MAX_AGE_MS (default 30 days) and MESSAGE_MAX_AHEAD_MS (default 5 min): how far a message's occurredAt
   * may lie behind and ahead of this service's clock. Behind must cover the longest backlog a consumer may catch up on.
   */
  allowedSkew: SkewWindow;
}

/** The files of a key directory in the development layout (libs/trust key-files.ts) for one service. */
export function trustSettingsInKeyDirectory(dir: string, service: ServiceName, province: string): Omit<TrustSettings, 'reloadIntervalMs' | 'allowedSkew'> {
  const files = keyFilePaths(dir);
  return { signingKeyFiles: [files.service(service, province).key], trustListSource: files.trustList, rootPublicKeyFiles: [files.rootPub] };
}

export const DEFAULT_MESSAGE_WINDOW: SkewWindow = { pastMs: 30 * DAY_MS, futureMs: 5 * 60_000 };

/**
 * SIGNING_KEY, TRUST_LIST, TRUST_ROOT_KEY — or TRUST_DIR, a key directory of the development layout (as
 * `npm run ops -- keys init` makes it) that gives all three — and the reload and time-window settings.
 */
export function readTrustSettings(read: SettingsReader, service: ServiceName, province: string): TrustSettings {
  const dir = read.text('TRUST_DIR');
  const fromDir = dir ? trustSettingsInKeyDirectory(dir, service, province) : null;
  const signingKeyFiles = read.list('SIGNING_KEY', fromDir?.signingKeyFiles ?? []);
  const trustListSource = read.text('TRUST_LIST', fromDir?.trustListSource ?? '');
  const rootPublicKeyFiles = read.list('TRUST_ROOT_KEY', fromDir?.rootPublicKeyFiles ?? []);
  if (!signingKeyFiles.length) read.problem('SIGNING_KEY must name the PEM private key file(s) this service signs with (or TRUST_DIR a key directory)');
  if (!trustListSource) read.problem('TRUST_LIST must be the path or URL of the signed national trust list (or TRUST_DIR a key directory)');
  if (!rootPublicKeyFiles.length) read.problem("TRUST_ROOT_KEY must name the national root's PEM public key file(s) (or TRUST_DIR a key directory)");
  return {
    signingKeyFiles,
    trustListSource,
    rootPublicKeyFiles,
    reloadIntervalMs: read.integer('TRUST_LIST_RELOAD_MS', 10_000),
    allowedSkew: {
      pastMs: read.integer('MESSAGE_MAX_AGE_MS', DEFAULT_MESSAGE_WINDOW.pastMs, { min: 1 }),
      futureMs: read.integer('MESSAGE_MAX_AHEAD_MS', DEFAULT_MESSAGE_WINDOW.futureMs),
    },
  };
}

/** Reads the key files and loads the list; throws naming the file or the list problem, so the service does not start. */
export function loadServiceTrust(
  identity: { service: ServiceName; province: string },
  settings: Omit<TrustSettings, 'reloadIntervalMs'>,
  clock: Clock,
): Promise<ServiceTrust> {
  const readPem = (file: string, what: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(
        `${identity.service} ${identity.province}: cannot read ${what} ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        {
          cause: err,
        },
      );
    }
  };
  return ServiceTrust.load({
    identity,
    signingKeys: settings.signingKeyFiles.map((f) => readPem(f, 'signing key')),
    rootPublicKeys: settings.rootPublicKeyFiles.map((f) => readPem(f, 'root public key')),
    trustListSource: settings.trustListSource,
    allowedSkew: settings.allowedSkew,
    now: () => clock.now(),
  });
}
