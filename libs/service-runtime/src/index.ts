export * from './service-runtime';
export * from './validation';
export * from './json-logger';
export * from './migrations';
export * from './operations';
export * from './retry-conflicts.interceptor';
export * from './service-process';
export * from './service-env';
