import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer, TokenRequest, TokenVerifier } from '@idcard/access';
import { BiometricsKeyring } from '@idcard/biometrics';
import type { Clock } from '@idcard/clock';
import type { AccessOptions } from '@idcard/service-runtime';

/**
 * The identity provider of a test file: a development issuer with a key of its own (EdDSA), whose tokens the
 * suite's services verify as real ones — signature, issuer, audience and expiry by the service's clock.
 */
export class TestIssuer {
  private static shared: TestIssuer | null = null;
  readonly biometrics = BiometricsKeyring.generate('test');

  private constructor(readonly dir: string) {}

  static forThisSuite(): TestIssuer {
    TestIssuer.shared ??= new TestIssuer(fs.mkdtempSync(path.join(os.tmpdir(), 'idcard-test-issuer-')));
    return TestIssuer.shared;
  }

  /** A token as the province's identity provider issues it, dated by `clock` (tests that move time move tokens too). */
  token(request: TokenRequest, clock: Clock): Promise<string> {
    return DevIssuer.open(this.dir, () => clock.now()).issue(request);
  }

  /** What a service under test checks its callers against. */
  access(clock: Clock): AccessOptions {
    const issuer = DevIssuer.open(this.dir);
    return {
      verifier: TokenVerifier.fromSettings({ publicKeyFiles: [issuer.publicKeyFile], issuer: DEV_ISSUER, audience: DEV_AUDIENCE }, () => clock.now()),
      // Tests fire requests quickly; the limits themselves are tested with their own settings.
      rateLimitPerMinute: 100_000,
      anonymousRateLimitPerMinute: 100_000,
    };
  }
}
