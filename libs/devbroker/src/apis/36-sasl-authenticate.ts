import { KafkaApi } from '../api';

/**
 * SaslAuthenticate (key 36), v0-1: one SASL token of the mechanism chosen by SaslHandshake v1 (KIP-152).
 *
 * Behaviour: the client's auth_bytes go to the connection's PLAIN or SCRAM exchange (sasl.ts) and the server's
 * token comes back in auth_bytes: PLAIN completes in one round (empty answer), SCRAM in two (server-first-message,
 * then server-final-message with the server signature the client verifies). On completion the connection's
 * principal is the username and every API is served. A wrong password, an unknown user or a malformed message
 * answers SASL_AUTHENTICATION_FAILED (58) with an error message, and the connection is closed after the answer.
 * Before a SaslHandshake v1 it answers ILLEGAL_SASL_STATE and closes; after authentication, or on a broker without
 * credentials, it answers ILLEGAL_SASL_STATE and the connection stays.
 *
 * Version notes: v1 adds session_lifetime_ms to the response; it is always 0 (the session does not expire, so
 * clients never re-authenticate). The error message is a nullable string in both.
 */
export const saslAuthenticate: KafkaApi = {
  key: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req, res) {
    const outcome = ctx.sasl.authenticate(req.bytes(), true);
    res.int16(outcome.errorCode).nullableString(outcome.errorMessage).bytes(outcome.challenge);
    if (ctx.apiVersion >= 1) res.int64(0); // session_lifetime_ms
    if (outcome.closeReason) ctx.closeAfterResponse(outcome.closeReason);
  },
};
