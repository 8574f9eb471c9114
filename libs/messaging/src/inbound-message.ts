import type { EntityManager } from 'typeorm';

/** What an @EventPattern handler receives: the verified message and the transaction its inbox row is in. */
export interface InboundMessage<P = unknown> {
  envelope: {
    messageId: string;
    type: string;
    schemaVersion: number;
    occurredAt: string;
    source: { province: string; service: string };
    correlationId: string;
  };
  payload: P;
  /** Apply every effect through this manager: it commits together with the inbox row, or not at all. */
  em: EntityManager;
  topic: string;
  partition: number;
  offset: string;
}
