import { Message, RecordMetadata } from 'kafkajs';
import { placeSentMessages } from './outbox-relay';

describe('the partition and offset of each message of a sendBatch', () => {
  const msgs = Array.from({ length: 5 }, (_, i): Message => ({ key: `k${i}`, value: `v${i}` }));
  const partitions = new Map<Message, number>([msgs[0], msgs[1], msgs[2], msgs[3], msgs[4]].map((m, i) => [m, [0, 2, 0, 2, 0][i]]));
  const byTopic = new Map([['t', msgs.map((message) => ({ message }))]]);
  const report = (partition: number, baseOffset: string, errorCode = 0): RecordMetadata => ({ topicName: 't', partition, errorCode, baseOffset });

  it('counts on from each partition’s base offset, in the order the messages were given', () => {
    const placed = placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40'), report(2, '7')]);
    expect(msgs.map((m) => placed.get(m))).toEqual([
      { partition: 0, offset: '40' },
      { partition: 2, offset: '7' },
      { partition: 0, offset: '41' },
      { partition: 2, offset: '8' },
      { partition: 0, offset: '42' },
    ]);
  });

  it('places each topic of a batch on its own reports', () => {
    const other: Message = { key: 'k', value: 'w' };
    const both = new Map([...byTopic, ['u', [{ message: other }]]]);
    const placed = placeSentMessages(both, (m) => (m === other ? 0 : partitions.get(m)), [
      report(0, '40'),
      report(2, '7'),
      { topicName: 'u', partition: 0, errorCode: 0, baseOffset: '900' },
    ]);
    expect(placed.get(other)).toEqual({ partition: 0, offset: '900' });
    expect(placed.get(msgs[4])).toEqual({ partition: 0, offset: '42' });
  });

  it('counts past the largest safe integer without rounding: offsets are int64', () => {
    const placed = placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '9007199254740993'), report(2, '0')]);
    expect(placed.get(msgs[4])).toEqual({ partition: 0, offset: '9007199254740995' });
    expect(placed.get(msgs[3])).toEqual({ partition: 2, offset: '1' });
  });

  it('says nothing (null) for the topic rather than guess: a missing, failed or unexpected report, or an unknown partition', () => {
    const nothing = (placed: Map<Message, unknown>) => msgs.every((m) => placed.get(m) === null);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40')]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40'), report(2, '-1', 6)]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40'), report(2, '7'), report(1, '3')]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => (m === msgs[4] ? undefined : partitions.get(m)), [report(0, '40'), report(2, '7')]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40'), report(0, '41'), report(2, '7')]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40'), report(2, 'x7')]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40'), report(2, '7x')]))).toBe(true);
  });
});
