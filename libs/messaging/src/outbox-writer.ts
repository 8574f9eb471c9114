import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { assertValidMessage, encodeMessage, newEnvelope } from '@idcard/contracts';
import { EntityManager } from 'typeorm';
import { OutboxMessage } from './entities';
import { MESSAGING_OPTIONS, MessagingOptions } from './options';
import { OutboxRelay } from './outbox-relay';

export interface OutgoingMessage {
  topic: string;
  /** The citizen's ID number, so one citizen's messages stay ordered on one partition. */
  key: string;
  type: string;
  payload: object;
  /** The receipt number of the application the message is about. */
  correlationId: string;
}

/**
 * Puts a message in the outbox inside the caller's transaction: it leaves only if the change that caused it
 * commits, and it leaves even if the process dies right after the commit. Nothing here talks to Kafka.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly relay: OutboxRelay,
  ) {}

  async add(em: EntityManager, m: OutgoingMessage): Promise<string> {
    const now = this.clock.now();
    const envelope = newEnvelope(m.type, m.payload, { source: this.options.identity, correlationId: m.correlationId, now });
    // A sender's mistake fails the sender's own transaction instead of turning up in a receiver's dead letters.
    assertValidMessage(envelope);
    await em.insert(OutboxMessage, {
      messageId: envelope.messageId,
      topic: m.topic,
      messageKey: m.key,
      messageType: m.type,
      body: encodeMessage(envelope),
      createdAt: now,
      sentAt: null,
    });
    this.relay.wake();
    return envelope.messageId;
  }
}
