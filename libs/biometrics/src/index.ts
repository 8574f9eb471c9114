// Photos and fingerprint templates sealed at rest: AES-256-GCM under keys with ids, and column transformers.
export * from './biometrics-keyring';
export * from './sealed-columns';
