export * from './wait-for';
export * from './test-kafka';
export * from './message-log';
export * from './service-under-test';
