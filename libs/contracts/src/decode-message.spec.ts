import { makeCitizenId } from './citizen-id';
import { decodeMessage } from './decode-message';
import { encodeMessage, newEnvelope } from './envelope';
import { MessageType } from './message-types';

const source = { province: '44', service: 'registry-office' as const };
const now = new Date('2026-11-22T08:00:00Z');
const idNumber = makeCitizenId({ regionCode: '650102', birthDate: '1990-05-01', sequence: 11 });

const valid = {
  ApplicationSignedOff: { receiptNumber: 'R44-20261122-000001', productionProvince: '44', reviewedBy: 'automatic', signedOffAt: now.toISOString() },
  ApplicationRejected: { receiptNumber: 'R44-20261122-000001', reasonCode: 'DUPLICATE_IN_FLIGHT', detail: 'in flight', inFlightReceiptNumber: 'R65-20261120-000009', rejectedAt: now.toISOString() },
  CardProduced: { receiptNumber: 'R44-20261122-000001', cardSerial: 'P4420261122000001', idNumber, issueDate: '2026-11-22', expiresOn: '2046-11-22', producedBy: '44', producedAt: now.toISOString() },
  ShipmentDispatched: { shipmentId: 'S44-1', producedBy: '44', receivingOfficeCode: '44010601', expedited: false, dispatchedAt: now.toISOString(), cards: [{ receiptNumber: 'R44-20261122-000001', cardSerial: 'P4420261122000001' }] },
  CardInvalidated: { cardSerial: 'P4420201122000001', idNumber, reason: 'replaced', invalidatedAt: now.toISOString() },
};

describe('decodeMessage', () => {
  it.each(Object.entries(valid))('reads a valid %s', (type, payload) => {
    const raw = encodeMessage(newEnvelope(type, payload, { source, correlationId: 'R44-20261122-000001', now }));
    const decoded = decodeMessage(Buffer.from(raw));
    expect(decoded).toMatchObject({ ok: true, envelope: { type, schemaVersion: 1, source } });
  });

  it.each([
    ['not JSON', '{oops', 'not JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['an envelope without a message id', JSON.stringify({ ...newEnvelope('CardInvalidated', valid.CardInvalidated, { source, correlationId: 'x', now }), messageId: 'nope' }), 'envelope invalid: messageId: messageId must be a UUID'],
    ['an unknown type', encodeMessage(newEnvelope('CardEaten', {}, { source, correlationId: 'x', now })), 'unknown message type CardEaten'],
    ['an unknown schema version', encodeMessage(newEnvelope(MessageType.CardInvalidated, valid.CardInvalidated, { source, correlationId: 'x', now, schemaVersion: 2 })), 'unsupported schema version 2 of CardInvalidated (known: 1)'],
  ])('refuses %s', (_what, raw, reason) => {
    expect(decodeMessage(raw)).toEqual({ ok: false, reason });
  });

  it('names every invalid payload field with its path', () => {
    const bad = { ...valid.CardProduced, idNumber: idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0'), producedBy: '99' };
    const decoded = decodeMessage(encodeMessage(newEnvelope(MessageType.CardProduced, bad, { source, correlationId: 'x', now })));
    expect(decoded.ok).toBe(false);
    const reason = (decoded as { reason: string }).reason;
    expect(reason).toMatch(/^payload invalid: /);
    expect(reason).toContain('payload.idNumber: check character should be');
    expect(reason).toContain('payload.producedBy: "99" is not one of the 31 province codes');
  });
});
