import { BiometricsKeyring } from './biometrics-keyring';

/**
 * TypeORM column transformers are declared on entity classes, before any service has started; they use the
 * keyring the process's services started with (several services under npm start share one data directory's key).
 */
let keyring: BiometricsKeyring | null = null;

export function useBiometricsKeyring(k: BiometricsKeyring): void {
  keyring = k;
}

function current(): BiometricsKeyring {
  if (!keyring) throw new Error('no biometrics keyring: the service must start with one (BIOMETRICS_KEY)');
  return keyring;
}

/** The shape of TypeORM's ValueTransformer (structural, so this lib needs no TypeORM). */
export interface ColumnTransformer<T> {
  to(value: T | null | undefined): string | null | undefined;
  from(value: string | null): T | null;
}

/** A text column holding a photo's base64 or a fingerprint template, sealed at rest. */
export const sealedText: ColumnTransformer<string> = {
  to: (value) => (value === null || value === undefined ? value : current().seal(value)),
  from: (value) => (value === null ? null : current().open(value)),
};

/** A text column holding JSON with biometrics inside (an application as received), sealed whole at rest. */
export function sealedJson<T>(): ColumnTransformer<T> {
  return {
    to: (value) => (value === null || value === undefined ? (value as null | undefined) : current().seal(JSON.stringify(value))),
    from: (value) => (value === null ? null : (JSON.parse(current().open(value)) as T)),
  };
}
