export * from './service-identity';
export * from './service-runtime';
export * from './validation';
export * from './json-logger';
export * from './migrations';
export * from './operations';
export * from './retry-conflicts.interceptor';
export * from './service-process';
export * from './service-settings';
// The settings reader has a lib of its own (the ops CLI reads settings too); services get it from here as well.
export * from '@idcard/settings';
export * from './error-body';
export * from './error-body.filter';
export * from './outage';
export * from './trust-settings';
export * from './trust-list.watch';
export * from './access';
export * from './access-settings';
