export * from './deadline-metrics';
export * from './service-metrics';
export * from './operations.module';
export * from './operations-options';
export { httpMetricsMiddleware } from './http-metrics.middleware';
