import { CardAlreadyArrived, CardNotInShipment } from './errors';
import { manifestLineOutcome, ShipmentManifest } from './shipment-manifest';

describe('shipment manifests', () => {
  const manifest = () =>
    new ShipmentManifest('S-1', [
      { position: 2, receiptNumber: 'R44-20261101-000002', cardSerial: 'C440000000002', arrivedAt: null },
      { position: 1, receiptNumber: 'R44-20261101-000001', cardSerial: 'C440000000001', arrivedAt: new Date('2026-12-01T02:00:00Z') },
    ]);

  it('list cards in manifest order and show the ones still awaited', () => {
    const m = manifest();
    expect(m.lines.map((l) => l.position)).toEqual([1, 2]);
    expect(m.awaiting.map((l) => l.cardSerial)).toEqual(['C440000000002']);
    expect(m.complete).toBe(false);
  });

  it('are complete once every card is confirmed', () => {
    const done = new ShipmentManifest('S-2', [{ position: 1, receiptNumber: 'R44-20261101-000001', cardSerial: 'C440000000001', arrivedAt: new Date() }]);
    expect(done.awaiting).toEqual([]);
    expect(done.complete).toBe(true);
  });

  it('find the line of an arriving card', () => {
    expect(manifest().lineForArrival('C440000000002').receiptNumber).toBe('R44-20261101-000002');
  });

  it('refuse a card that is not on the manifest, or whose arrival is already recorded', () => {
    expect(() => manifest().lineForArrival('C449999999999')).toThrow(CardNotInShipment);
    expect(() => manifest().lineForArrival('C440000000001')).toThrow(CardAlreadyArrived);
  });

  it('ship an application in production, hold one still awaiting its sign-off, keep the rest as lines only', () => {
    expect(manifestLineOutcome('in_production')).toEqual({ outcome: 'ship' });
    expect(manifestLineOutcome('submitted')).toEqual({ outcome: 'await-sign-off' });
    expect(manifestLineOutcome(null)).toEqual({ outcome: 'keep-line-only', reason: expect.stringContaining('no application') });
    expect(manifestLineOutcome('rejected')).toEqual({ outcome: 'keep-line-only', reason: 'the application is rejected' });
    expect(manifestLineOutcome('shipped')).toEqual({ outcome: 'keep-line-only', reason: 'the application is shipped' });
  });
});
