export * from './wait-for';
export * from './test-kafka';
export * from './topic-recorder';
export * from './service-under-test';
export * from './test-keys';
export * from './test-issuer';
export * from './browser';
export * from './instrument-jest-modules';
