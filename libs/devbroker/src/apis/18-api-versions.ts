import { KafkaApi } from '../api';
import { ErrorCode } from '../protocol/error-codes';

/**
 * ApiVersions (key 18), v0-1. The broker offers the API set of one Kafka release (1.0), so that clients that
 * infer the release from this answer (kafka-python) speak a coherent set. A version it does not implement
 * (librdkafka opens with v3) gets the v0 layout with UNSUPPORTED_VERSION and the list, and the client retries.
 */
export const apiVersions: KafkaApi = {
  key: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 1,
  answersUnsupportedVersions: true,
  handle(ctx, _req, res) {
    const supported = ctx.apiVersion >= 0 && ctx.apiVersion <= 1;
    const apis = ctx.broker.supportedApis().sort((a, b) => a.key - b.key);
    res.int16(supported ? ErrorCode.NONE : ErrorCode.UNSUPPORTED_VERSION);
    res.array(apis, (w, a) => w.int16(a.key).int16(a.minVersion).int16(a.maxVersion));
    if (supported && ctx.apiVersion >= 1) res.int32(0); // throttle_time_ms
  },
};
