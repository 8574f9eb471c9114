import { KafkaApi } from '../api';

/**
 * SaslHandshake (key 17), v0-1: the client names its SASL mechanism (KIP-43).
 *
 * Behaviour: on a broker started with credentials, an enabled mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512,
 * as configured) is accepted with the list of enabled ones, and the connection moves on to the exchange; another
 * mechanism answers UNSUPPORTED_SASL_MECHANISM with the list, and the connection is closed after the answer, as
 * Kafka does. Without credentials the API is still advertised and answers ILLEGAL_SASL_STATE, which is what
 * Apache Kafka answers on a listener without SASL: a client configured for SASL against an open broker gets a
 * Kafka error that names SASL, rather than "API not supported" (kafkajs) or a guess at legacy framing (librdkafka),
 * and ApiVersions keeps advertising exactly the APIs in apis/index.ts. After authentication it answers
 * ILLEGAL_SASL_STATE too (no re-authentication, KIP-368).
 *
 * Version notes: v0 and v1 have the same request and response. The version chooses the framing of the tokens
 * that follow: after v0 they are bare size-prefixed frames with no request header (the pre-KIP-152 flow,
 * client-connection.ts routes them); after v1 they travel in SaslAuthenticate requests. kafkajs and librdkafka use
 * v1 with SaslAuthenticate when ApiVersions lists SaslAuthenticate (it does here), v0 with bare tokens otherwise.
 */
export const saslHandshake: KafkaApi = {
  key: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req, res) {
    const outcome = ctx.sasl.handshake(req.string(), ctx.apiVersion);
    res.int16(outcome.errorCode);
    res.array(ctx.sasl.users?.mechanisms ?? [], (w, m) => w.string(m)); // enabled_mechanisms
    if (outcome.closeReason) ctx.closeAfterResponse(outcome.closeReason);
  },
};
