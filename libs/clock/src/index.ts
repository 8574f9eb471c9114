export * from './clock';
export * from './shared-offset-clock';
