import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@idcard/clock';
import { assertValidMessage, newEnvelope } from '@idcard/contracts';
import { activeTraceContext } from '@idcard/tracing';
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
 * commits, and it leaves even if the process dies right after the commit. Nothing here talks to Kafka. The message
 * is signed here (issue 10), so the outbox row holds the signature of the bytes that will travel.
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
    const body = assertValidMessage(envelope);
    // Signed now, over exactly what the relay will send (this topic, key and body), and stored with the row: a resend
    // after a crash carries the same bytes and the same signature. No key valid now fails the caller's transaction.
    const { signature, keyId } = this.options.trust.sign({ topic: m.topic, key: m.key, value: body });
    // The trace of the request or message that caused this one, for the relay to publish it in (null with tracing off).
    const trace = activeTraceContext();
    await em.insert(OutboxMessage, {
      messageId: envelope.messageId,
      topic: m.topic,
      messageKey: m.key,
      messageType: m.type,
      body: this.options.biometrics ? this.options.biometrics.seal(body) : body,
      createdAt: now,
      sentAt: null,
      signature,
      keyId,
      traceParent: trace?.traceparent ?? null,
      traceState: trace?.tracestate ?? null,
    });
    this.relay.wakeAfterCommit(em);
    return envelope.messageId;
  }
}
