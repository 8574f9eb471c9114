import { IllegalShipmentTransition } from './errors';
import { closingReason, cutOffFor, manifestOf, shipmentIdFor, ShipmentRules, transition } from './shipment';

const rules: ShipmentRules = { sizeLimit: 3, maxWaitMs: 4 * 60 * 60 * 1000 };
const opened = new Date('2026-03-01T02:00:00Z');
const later = (ms: number) => new Date(opened.getTime() + ms);

describe('shipment closing rules', () => {
  it('keeps a batch open while it is below the size limit and younger than the cut-off', () => {
    expect(closingReason({ expedited: false, cardCount: 2, openedAt: opened }, later(rules.maxWaitMs - 1), rules)).toBeNull();
  });

  it('closes a batch when it reaches the size limit', () => {
    expect(closingReason({ expedited: false, cardCount: 2, openedAt: opened }, opened, rules)).toBeNull();
    expect(closingReason({ expedited: false, cardCount: 3, openedAt: opened }, opened, rules)).toBe('full');
  });

  it('closes a batch once its oldest card has waited the cut-off', () => {
    expect(closingReason({ expedited: false, cardCount: 1, openedAt: opened }, later(rules.maxWaitMs), rules)).toBe('cut-off');
    expect(cutOffFor(later(rules.maxWaitMs), rules)).toEqual(opened);
  });

  it('ships an expedited card at once, and never closes an empty shipment', () => {
    expect(closingReason({ expedited: true, cardCount: 1, openedAt: opened }, opened, rules)).toBe('expedited');
    expect(closingReason({ expedited: false, cardCount: 0, openedAt: opened }, later(rules.maxWaitMs * 2), rules)).toBeNull();
  });
});

describe('shipment states', () => {
  it('opens a batch and dispatches it; an expedited shipment is dispatched from the start', () => {
    expect(transition(null, 'open')).toBe('open');
    expect(transition('open', 'dispatched')).toBe('dispatched');
    expect(transition(null, 'dispatched')).toBe('dispatched');
  });

  it('refuses as a conflict that names the state it was in', () => {
    expect(() => transition('dispatched', 'open')).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_SHIPMENT_TRANSITION', kind: 'conflict', details: { state: 'dispatched' } }),
    );
    expect(() => transition(null, 'open')).not.toThrow();
    expect(new IllegalShipmentTransition(null, 'open').message).toBe('a new shipment cannot start open');
  });

  it('never reopens or dispatches again a dispatched shipment', () => {
    expect(() => transition('dispatched', 'open')).toThrow(IllegalShipmentTransition);
    expect(() => transition('dispatched', 'dispatched')).toThrow('a shipment that is dispatched cannot become dispatched');
    expect(() => transition('open', 'open')).toThrow(IllegalShipmentTransition);
  });
});

describe('manifests', () => {
  it('list the cards by receipt number, numbered from 1, whatever order they were packed in', () => {
    const packed = [
      { receiptNumber: 'R44-20260301-000010', cardSerial: 'P442026030100000003' },
      { receiptNumber: 'R11-20260228-000002', cardSerial: 'P442026030100000001' },
      { receiptNumber: 'R44-20260301-000009', cardSerial: 'P442026030100000002' },
    ];
    expect(manifestOf(packed)).toEqual([
      { position: 1, receiptNumber: 'R11-20260228-000002', cardSerial: 'P442026030100000001' },
      { position: 2, receiptNumber: 'R44-20260301-000009', cardSerial: 'P442026030100000002' },
      { position: 3, receiptNumber: 'R44-20260301-000010', cardSerial: 'P442026030100000003' },
    ]);
    expect(manifestOf([...packed].reverse())).toEqual(manifestOf(packed));
  });

  it('come out the same for every packing order of the same cards', () => {
    const receipts = ['R44-20260301-000004', 'R11-20260228-000002', 'R44-20260301-000001', 'R65-20260227-000003'];
    const orders = (rest: string[]): string[][] =>
      rest.length <= 1 ? [rest] : rest.flatMap((r, i) => orders(rest.filter((_, j) => j !== i)).map((o) => [r, ...o]));
    for (const packing of orders(receipts)) {
      expect(manifestOf(packing.map((receiptNumber) => ({ receiptNumber, cardSerial: `P44${receiptNumber.slice(-6)}` }))).map((l) => l.receiptNumber)).toEqual([
        'R11-20260228-000002',
        'R44-20260301-000001',
        'R44-20260301-000004',
        'R65-20260227-000003',
      ]);
    }
  });

  it('sort by code unit, not by locale, so every machine prints the same manifest', () => {
    const lines = manifestOf([
      { receiptNumber: 'R44-ABC-00b', cardSerial: 'P442026030100000001' },
      { receiptNumber: 'R44-ABC-00B', cardSerial: 'P442026030100000002' },
      { receiptNumber: 'R44-ABC-00A', cardSerial: 'P442026030100000003' },
    ]);
    expect(lines.map((l) => l.receiptNumber)).toEqual(['R44-ABC-00A', 'R44-ABC-00B', 'R44-ABC-00b']);
  });

  it('name shipments by centre, opening date and sequence', () => {
    expect(shipmentIdFor('44', '2026-03-01', 17)).toBe('S44-20260301-000017');
  });
});
