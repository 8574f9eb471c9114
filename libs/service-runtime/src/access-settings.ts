import { TokenVerifier } from '@idcard/access';
import { BiometricsKeyring } from '@idcard/biometrics';
import type { Clock } from '@idcard/clock';
import { SettingsReader } from '@idcard/settings';
import type { AccessOptions } from './access/access.guard';

/** AUTH_*, METRICS_PUBLIC, RATE_LIMIT_*: how a service process checks its callers. */
export function readAccessSettings(read: SettingsReader, clock: Clock): () => AccessOptions {
  const jwksUrl = read.text('AUTH_JWKS_URL');
  const publicKeyFiles = read.list('AUTH_PUBLIC_KEY');
  if (!jwksUrl && publicKeyFiles.length === 0) read.problem("AUTH_JWKS_URL (the identity provider's key set) or AUTH_PUBLIC_KEY (PEM file(s)) must be set");
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) read.problem(`AUTH_JWKS_URL must be an http(s) URL, got ${JSON.stringify(jwksUrl)}`);
  const issuer = read.required('AUTH_ISSUER', "the iss every token must carry (the province identity provider's)");
  const audience = read.required('AUTH_AUDIENCE', 'the aud every token must carry (this system)');
  const metricsPublic = read.oneOf('METRICS_PUBLIC', ['true', 'false'] as const, 'true') === 'true';
  const rateLimitPerMinute = read.integer('RATE_LIMIT_PER_MINUTE', 600, { min: 1 });
  const anonymousRateLimitPerMinute = read.integer('RATE_LIMIT_ANONYMOUS_PER_MINUTE', 60, { min: 1 });
  const lookupRateLimitPerMinute = read.integer('RATE_LIMIT_LOOKUP_PER_MINUTE', 10, { min: 1 });
  // Built after the reader has been checked: the key files are read only for settings that are complete.
  return () => ({
    verifier: TokenVerifier.fromSettings({ jwksUrl, publicKeyFiles, issuer, audience }, () => clock.now()),
    metricsPublic,
    rateLimitPerMinute,
    anonymousRateLimitPerMinute,
    lookupRateLimitPerMinute,
  });
}

/** BIOMETRICS_KEY (`id:base64key[,…]`, newest first) or BIOMETRICS_KEY_FILE (a file holding the same). */
export function readBiometricsSettings(read: SettingsReader): () => BiometricsKeyring {
  const inline = read.text('BIOMETRICS_KEY');
  const file = read.text('BIOMETRICS_KEY_FILE');
  if (!inline && !file) read.problem('BIOMETRICS_KEY or BIOMETRICS_KEY_FILE must give the AES-256 key(s) photos and fingerprints are sealed with');
  if (inline) {
    try {
      BiometricsKeyring.parse(inline);
    } catch (err) {
      read.problem(`BIOMETRICS_KEY: ${(err as Error).message}`);
    }
  }
  return () => (inline ? BiometricsKeyring.parse(inline) : BiometricsKeyring.inFile(file!));
}
