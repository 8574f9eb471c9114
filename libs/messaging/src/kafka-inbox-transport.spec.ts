import { SystemClock } from '@idcard/clock';
import type { DataSource } from 'typeorm';
import { KafkaInboxTransport } from './kafka-inbox.transport';
import type { MessagingOptions } from './options';

describe('the Kafka inbox transport as a Nest server', () => {
  // Nothing is connected: these are the parts of its Nest interface that need no broker.
  const transport = new KafkaInboxTransport({} as MessagingOptions, {} as DataSource, new SystemClock());

  it('has no kafkajs consumer to hand out before it listens', () => {
    expect(transport.unwrap()).toBeNull();
  });

  it('refuses event subscriptions, pointing at unwrap() instead', () => {
    expect(() => transport.on()).toThrow('KafkaInboxTransport has no events to subscribe to; use unwrap() for the kafkajs consumer');
  });
});
