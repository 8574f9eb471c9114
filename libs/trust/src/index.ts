// Trust between provinces (issue 10): pure building blocks over node:crypto, no Nest, TypeORM or kafkajs.
export * from './canonical-json';
export * from './signing';
export * from './trust-list';
export * from './verify-message';
export * from './hash-chain';
export * from './key-files';
export * from './service-trust';
