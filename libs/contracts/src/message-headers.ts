/**
 * The Kafka headers every message carries beside its envelope: the outbox relay writes them, the inbox reads them,
 * the AsyncAPI document lists them. The signature is in headers, not in the envelope, so the value stays exactly
 * the bytes that were signed (libs/trust explains why).
 */
export const MESSAGE_HEADERS = {
  /** The envelope's type, so a reader can tell a message without parsing it. */
  messageType: 'message-type',
  /** The envelope's messageId. */
  messageId: 'message-id',
  /** Ed25519 signature of (topic, key, value), base64. */
  signature: 'x-signature',
  /** The national trust list's id of the key that signed. */
  keyId: 'x-key-id',
} as const;

/**
 * W3C trace context headers, present only when the sending service traces (OpenTelemetry on): the relay sends the
 * context of the transaction that wrote the outbox row, and the inbox continues it. Not signed: they change no
 * meaning, and a reader that ignores them loses nothing.
 */
export const TRACE_HEADERS = {
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;
