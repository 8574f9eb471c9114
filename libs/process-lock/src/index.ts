export * from './process-lock';
