import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Clock } from '@idcard/clock';
import type { ServiceName } from '@idcard/contracts';
import { DEFAULT_MESSAGE_WINDOW, loadServiceTrust, trustSettingsInKeyDirectory } from '@idcard/service-runtime';
import { allServices, generateKeyFiles, keyFilePaths, readServiceKey, ServiceTrust, signatureHeaders, signMessage } from '@idcard/trust';

/** The keys of every service of every province and the list signing them, as a first run of npm start makes them. */
export class TestKeys {
  private static shared: TestKeys | null = null;

  private constructor(readonly dir: string) {}

  /**
   * One key directory per test file (jest gives each file its own module registry): 93 Ed25519 keys take about a
   * tenth of a second. Valid from a day ago for two years, so tests that move their clocks by months stay inside.
   */
  static forThisSuite(): TestKeys {
    if (!TestKeys.shared) {
      const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'idcard-test-keys-')), 'keys');
      generateKeyFiles(dir, { services: allServices(), now: new Date(Date.now() - 86_400_000) });
      TestKeys.shared = new TestKeys(dir);
    }
    return TestKeys.shared;
  }

  /** The trust a service of the suite starts with: its own key (and any extra key files, for a rotation) and the suite's list. */
  trustFor(identity: { service: ServiceName; province: string }, clock: Clock, extraKeyFiles: string[] = []): Promise<ServiceTrust> {
    const files = trustSettingsInKeyDirectory(this.dir, identity.service, identity.province);
    return loadServiceTrust(identity, { ...files, signingKeyFiles: [...files.signingKeyFiles, ...extraKeyFiles], allowedSkew: DEFAULT_MESSAGE_WINDOW }, clock);
  }

  /** Whether the suite holds a key for that service (a test's forged source may name none). */
  has(as: { service: ServiceName; province: string }): boolean {
    return fs.existsSync(keyFilePaths(this.dir).service(as.service, as.province).key);
  }

  /** The headers a service would send with this value: its signature over topic, key and value, and its key id. */
  signatureHeaders(as: { service: ServiceName; province: string }, topic: string, key: string | null, value: string | Buffer): Record<string, string> {
    const signer = readServiceKey(this.dir, as.service, as.province as never);
    return signatureHeaders(signMessage({ topic, key, value: Buffer.from(value) }, signer.privateKey, signer.keyId));
  }
}
