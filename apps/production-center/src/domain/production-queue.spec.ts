import { inQueueOrder, QueuedOrder } from './production-queue';

const order = (receiptNumber: string, expedited: boolean, dueAt: string, arrival: number, escalation = 0): QueuedOrder => ({
  receiptNumber,
  escalation,
  expedited,
  dueAt: new Date(dueAt),
  arrival,
});

describe('production queue order', () => {
  it('makes expedited cards first, then the earliest due date, then the earliest arrival', () => {
    const lateNormal = order('R44-000000-A', false, '2026-05-01T00:00:00+08:00', 1);
    const earlyNormal = order('R44-000000-B', false, '2026-04-01T00:00:00+08:00', 2);
    const lateExpedited = order('R44-000000-C', true, '2026-05-02T00:00:00+08:00', 3);
    const earlyExpedited = order('R44-000000-D', true, '2026-04-15T00:00:00+08:00', 4);
    const earlyNormalLater = order('R44-000000-E', false, '2026-04-01T00:00:00+08:00', 5);
    expect(inQueueOrder([lateNormal, earlyNormal, lateExpedited, earlyExpedited, earlyNormalLater]).map((o) => o.receiptNumber)).toEqual([
      'R44-000000-D',
      'R44-000000-C',
      'R44-000000-B',
      'R44-000000-E',
      'R44-000000-A',
    ]);
  });

  it('puts an expedited order due later ahead of a normal order already breaching its limit', () => {
    const breaching = order('R44-000000-A', false, '2020-01-01T00:00:00Z', 1);
    const expedited = order('R44-000000-B', true, '2030-01-01T00:00:00Z', 2);
    expect(inQueueOrder([breaching, expedited])).toEqual([expedited, breaching]);
    expect(inQueueOrder([expedited, breaching])).toEqual([expedited, breaching]);
  });

  it('puts a breached order first, then warned ones, ahead of expedited and earlier-due orders', () => {
    const expedited = order('R44-000000-A', true, '2026-04-01T00:00:00Z', 1);
    const warned = order('R44-000000-B', false, '2026-05-01T00:00:00Z', 2, 1);
    const breached = order('R44-000000-C', false, '2026-06-01T00:00:00Z', 3, 2);
    const plain = order('R44-000000-D', false, '2026-03-01T00:00:00Z', 4);
    expect(inQueueOrder([plain, expedited, warned, breached]).map((o) => o.receiptNumber)).toEqual([
      'R44-000000-C',
      'R44-000000-B',
      'R44-000000-A',
      'R44-000000-D',
    ]);
  });

  it('ranks by arrival alone when expedition and due date are equal, and leaves the input alone', () => {
    const input = [order('R44-000000-Z', false, '2026-04-01T00:00:00Z', 9), order('R44-000000-A', false, '2026-04-01T00:00:00Z', 3)];
    expect(inQueueOrder(input).map((o) => o.arrival)).toEqual([3, 9]);
    expect(input.map((o) => o.arrival)).toEqual([9, 3]);
    const twin = { ...input[0], receiptNumber: 'R44-000000-Y' };
    expect(inQueueOrder([input[0], twin]).map((o) => o.receiptNumber)).toEqual(['R44-000000-Z', 'R44-000000-Y']);
  });
});
