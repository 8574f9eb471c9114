// Settings read from an environment, every problem named at once: the one reader of every service and tool.
export * from './settings-reader';
export * from './kafka-connection';
export * from './kafkajs-idle-loop';
