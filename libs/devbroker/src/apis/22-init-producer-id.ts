import { KafkaApi } from '../api';
import { ErrorCode } from '../protocol/error-codes';

/** InitProducerId (key 22), v0: a fresh producer id for idempotent producers; transactions are not implemented. */
export const initProducerId: KafkaApi = {
  key: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req, res) {
    const transactionalId = req.nullableString();
    req.int32(); // transaction_timeout_ms
    res.int32(0); // throttle_time_ms
    if (transactionalId !== null) res.int16(ErrorCode.INVALID_REQUEST).int64(-1).int16(-1);
    else res.int16(ErrorCode.NONE).int64(ctx.broker.allocateProducerId()).int16(0);
  },
};
