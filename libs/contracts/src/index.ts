import 'reflect-metadata';

export * from './codes/provinces';
export * from './codes/ethnic-groups';
export * from './citizen-id';
export * from './application';
export * from './deadline';
export * from './card-validity';
export * from './topics';
export * from './validators';
export * from './envelope';
export * from './messages/parts';
export * from './messages/flow';
export * from './message-types';
export * from './decode-message';
export * from './photo';
