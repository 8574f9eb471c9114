export * from './random';
export * from './citizens';
export * from './biometrics';
