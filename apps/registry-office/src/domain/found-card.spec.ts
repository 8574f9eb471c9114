import { foundCardSmsText, HomeCard, judgeFoundCard } from './found-card';

const id = '11010519491231002X';
const card: HomeCard = { idNumber: id, status: 'valid', invalidationReason: null, validUntil: '2046-11-22' };
const today = '2026-12-01';

describe('judgeFoundCard', () => {
  it('returns a valid card to its holder', () => {
    expect(judgeFoundCard(card, id, today)).toEqual({ instruction: 'return' });
    expect(judgeFoundCard({ ...card, validUntil: null }, id, today)).toEqual({ instruction: 'return' });
  });

  it('destroys a card reported lost or replaced, expired, unknown, voided or printed with another ID number', () => {
    expect(judgeFoundCard({ ...card, status: 'invalidated', invalidationReason: 'lost' }, id, today)).toEqual({ instruction: 'destroy', reason: 'lost' });
    expect(judgeFoundCard({ ...card, status: 'invalidated', invalidationReason: 'replaced' }, id, today)).toEqual({
      instruction: 'destroy',
      reason: 'replaced',
    });
    expect(judgeFoundCard({ ...card, validUntil: '2026-11-30' }, id, today)).toEqual({ instruction: 'destroy', reason: 'expired' });
    expect(judgeFoundCard(null, id, today)).toEqual({ instruction: 'destroy', reason: 'unknown' });
    expect(judgeFoundCard({ ...card, status: 'invalidated', invalidationReason: 'voided' }, id, today)).toEqual({ instruction: 'destroy', reason: 'unknown' });
    expect(judgeFoundCard(card, '110105194912310037', today)).toEqual({ instruction: 'destroy', reason: 'mismatch' });
  });

  it('tells the holder where to collect it without a name or an ID number', () => {
    const text = foundCardSmsText('65010201', '0d3b8f8e-1c4a-4e0b-8d7e-2f9a6b5c4d31');
    expect(text).toContain('65010201');
    expect(text).toContain('0d3b8f8e-1c4a-4e0b-8d7e-2f9a6b5c4d31');
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });
});
