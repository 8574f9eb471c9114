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

  it('says nothing (null) for the topic rather than guess: a missing, failed or unexpected report, or an unknown partition', () => {
    const nothing = (placed: Map<Message, unknown>) => msgs.every((m) => placed.get(m) === null);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40')]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40'), report(2, '-1', 6)]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => partitions.get(m), [report(0, '40'), report(2, '7'), report(1, '3')]))).toBe(true);
    expect(nothing(placeSentMessages(byTopic, (m) => (m === msgs[4] ? undefined : partitions.get(m)), [report(0, '40'), report(2, '7')]))).toBe(true);
  });
});
