export * from './access.decorators';
export * from './access.guard';
export * from './audit-trail';
export * from './audit-event.entity';
