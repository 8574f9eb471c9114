import * as path from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer, TokenVerifier } from '@idcard/access';
import { BiometricsKeyring } from '@idcard/biometrics';
import type { Clock } from '@idcard/clock';
import type { AccessOptions } from '@idcard/service-runtime';

/** Where npm start keeps its development identity provider: `npm run ops -- token` signs with the same key. */
export function devIssuerDir(dataDir: string): string {
  return path.join(dataDir, 'auth');
}

/**
 * What npm start and the demo run in place of a province's identity provider and key management: a development
 * token issuer (EdDSA key in `<dataDir>/auth/`) whose tokens every service verifies, and the AES-256 key that
 * seals photos and fingerprints (`<dataDir>/biometrics.key`), both generated on first run, 0600.
 */
export function developmentAuthority(dataDir: string, clock: Clock): { issuer: DevIssuer; access: AccessOptions; biometrics: BiometricsKeyring } {
  const issuer = DevIssuer.open(devIssuerDir(dataDir), () => clock.now());
  const verifier = TokenVerifier.fromSettings({ publicKeyFiles: [issuer.publicKeyFile], issuer: DEV_ISSUER, audience: DEV_AUDIENCE }, () => clock.now());
  return { issuer, access: { verifier }, biometrics: BiometricsKeyring.inFile(path.join(dataDir, 'biometrics.key')) };
}
