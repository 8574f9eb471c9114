import { KafkaApi } from '../api';
import { ErrorCode } from '../protocol/error-codes';
import { BATCH, InvalidBatch, splitRecordSet } from '../protocol/record-batch';

interface PartitionResult {
  partition: number;
  errorCode: number;
  baseOffset: number;
}

/**
 * Produce (key 0), v0-5, as Kafka 1.0 offers it: record batches of magic 2 only. v0-2 are offered because
 * librdkafka compresses only for a broker that lists Produce v0 (it reads v0 as "knows gzip, snappy, lz4");
 * the older message sets (magic 0/1) such requests carry are refused with UNSUPPORTED_FOR_MESSAGE_FORMAT.
 * Each batch is verified (length, magic, CRC), given its offsets and appended — to the partition's file too,
 * before the answer — so acks 1 and all are equally durable here; acks 0 gets none.
 */
export const produce: KafkaApi = {
  key: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 5,
  handle(ctx, req, res) {
    const v = ctx.apiVersion;
    const transactionalId = v >= 3 ? req.nullableString() : null;
    const acks = req.int16();
    req.int32(); // timeout_ms: appends are synchronous here
    const topics = req.array((r) => ({
      name: r.string(),
      partitions: r.array((p) => ({ partition: p.int32(), records: p.nullableBytes() })),
    }));

    const results = topics.map((t) => {
      const topic = ctx.broker.topicForUse(t.name);
      return {
        name: t.name,
        partitions: t.partitions.map(({ partition, records }): PartitionResult => {
          const fail = (errorCode: number) => ({ partition, errorCode, baseOffset: -1 });
          if (acks !== 0 && acks !== 1 && acks !== -1) return fail(ErrorCode.INVALID_REQUIRED_ACKS);
          if (transactionalId !== null) return fail(ErrorCode.INVALID_REQUEST); // transactions are not implemented
          if (typeof topic === 'number') return fail(topic);
          const log = topic.partitions[partition];
          if (!log) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
          if (!records || records.length === 0) return fail(ErrorCode.CORRUPT_MESSAGE);
          // Both formats put magic at byte 16: an old message set is an unsupported format, not a corrupt batch.
          if (records.length > BATCH.MAGIC && records[BATCH.MAGIC] !== 2) return fail(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
          try {
            let first: number | null = null;
            for (const batch of splitRecordSet(records)) {
              if (batch.bytes.length > ctx.broker.options.maxMessageBytes) return fail(ErrorCode.MESSAGE_TOO_LARGE);
              if (batch.header.isTransactional || batch.header.isControl) return fail(ErrorCode.INVALID_REQUEST);
              const appended = log.append(batch.bytes, batch.header);
              if (appended.errorCode !== 0) return fail(appended.errorCode);
              first ??= appended.baseOffset;
            }
            return { partition, errorCode: 0, baseOffset: first! };
          } catch (err) {
            if (err instanceof InvalidBatch) {
              ctx.broker.options.log({ event: 'produce.rejected', topic: t.name, partition, reason: err.message });
              return fail(err.errorCode);
            }
            throw err;
          }
        }),
      };
    });

    if (acks === 0) return null;
    res.array(results, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (pw, p) => {
        pw.int32(p.partition).int16(p.errorCode).int64(p.baseOffset);
        if (v >= 2) pw.int64(-1); // log_append_time: topics use CreateTime
        if (v >= 5) pw.int64(0); // log_start_offset
      });
    });
    if (v >= 1) res.int32(0); // throttle_time_ms
  },
};
