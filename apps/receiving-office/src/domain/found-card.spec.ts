import {
  collectionProblem,
  destructionProblem,
  effectiveFoundCardStatus,
  foundCardAnswerOutcome,
  foundCardInvalidatedOutcome,
  FoundCardStatus,
  isTheHolder,
  isUncollected,
  keepUntil,
} from './found-card';

const answeredAt = new Date('2026-12-01T02:00:00.000Z');
const card = (status: FoundCardStatus, instruction: 'destroy' | 'return' | null = null, kept: Date | null = null) => ({
  status,
  instruction,
  keepUntil: kept,
});

describe('a found card', () => {
  it('is kept for its holder the configured number of days from the answer', () => {
    expect(keepUntil(answeredAt, 90).toISOString()).toBe('2027-03-01T02:00:00.000Z');
    expect(keepUntil(answeredAt, 1).toISOString()).toBe('2026-12-02T02:00:00.000Z');
  });

  it('is to be destroyed on "destroy" and awaits its holder on "return"', () => {
    expect(foundCardAnswerOutcome(card('routed'), 'destroy', answeredAt, 90)).toEqual({
      outcome: 'apply',
      status: 'to_destroy',
      keepUntil: null,
      because: 'registry',
    });
    expect(foundCardAnswerOutcome(card('routed'), 'return', answeredAt, 30)).toEqual({
      outcome: 'apply',
      status: 'awaiting_collection',
      keepUntil: new Date('2026-12-31T02:00:00.000Z'),
      because: null,
    });
  });

  it('is never returned once it was invalidated while held here, whichever came first', () => {
    const invalidated = { ...card('routed'), invalidationReason: 'lost' };
    expect(foundCardAnswerOutcome(invalidated, 'return', answeredAt, 30)).toEqual({
      outcome: 'apply',
      status: 'to_destroy',
      keepUntil: new Date('2026-12-31T02:00:00.000Z'),
      because: 'invalidated',
    });
    expect(foundCardInvalidatedOutcome({ status: 'awaiting_collection', invalidationReason: null })).toBe('destroy');
    expect(foundCardInvalidatedOutcome({ status: 'routed', invalidationReason: null })).toBe('note');
    expect(foundCardInvalidatedOutcome({ status: 'routed', invalidationReason: 'lost' })).toBe('nothing');
    for (const status of ['to_destroy', 'destroyed', 'collected'] as const)
      expect(foundCardInvalidatedOutcome({ status, invalidationReason: null })).toBe('nothing');
  });

  it('takes the same answer twice as nothing new, and a different one as a conflict naming both', () => {
    expect(foundCardAnswerOutcome(card('to_destroy', 'destroy'), 'destroy', answeredAt, 90)).toEqual({ outcome: 'already-applied' });
    expect(foundCardAnswerOutcome(card('collected', 'return'), 'return', answeredAt, 90)).toEqual({ outcome: 'already-applied' });
    const conflict = foundCardAnswerOutcome(card('awaiting_collection', 'return'), 'destroy', answeredAt, 90);
    expect(conflict).toEqual({ outcome: 'conflict', reason: 'the registry said return before, now destroy, for a card that is awaiting_collection' });
  });

  it('counts as uncollected from its keep date on, and shows so before the sweep has run', () => {
    const kept = new Date('2027-03-01T02:00:00.000Z');
    const waiting = card('awaiting_collection', 'return', kept);
    expect(isUncollected(waiting, new Date(kept.getTime() - 1))).toBe(false);
    expect(isUncollected(waiting, kept)).toBe(true);
    expect(effectiveFoundCardStatus(waiting, kept)).toBe('to_destroy');
    expect(effectiveFoundCardStatus(waiting, new Date(kept.getTime() - 1))).toBe('awaiting_collection');
    expect(isUncollected(card('to_destroy', 'destroy'), kept)).toBe(false);
    expect(isUncollected(card('awaiting_collection', 'return', null), kept)).toBe(false);
  });

  it('is destroyed only when it is to be destroyed, with the reason otherwise', () => {
    const now = answeredAt;
    expect(destructionProblem(card('to_destroy', 'destroy'), now)).toBeNull();
    expect(destructionProblem(card('awaiting_collection', 'return', new Date(now.getTime() - 1)), now)).toBeNull();
    expect(destructionProblem(card('routed'), now)).toMatch(/not answered yet/);
    expect(destructionProblem(card('awaiting_collection', 'return', new Date(now.getTime() + 1)), now)).toMatch(/returned to its holder/);
    expect(destructionProblem(card('destroyed', 'destroy'), now)).toBe('it is already destroyed');
    expect(destructionProblem(card('collected', 'return'), now)).toBe('it is already collected');
  });

  it('is collected only while it awaits its holder, with the reason otherwise', () => {
    const now = answeredAt;
    expect(collectionProblem(card('awaiting_collection', 'return', new Date(now.getTime() + 1)), now)).toBeNull();
    expect(collectionProblem(card('awaiting_collection', 'return', now), now)).toMatch(/kept past its collection period/);
    expect(collectionProblem(card('to_destroy', 'destroy'), now)).toBe('it is to be destroyed');
    expect(collectionProblem(card('routed'), now)).toMatch(/not answered yet/);
    expect(collectionProblem(card('collected', 'return'), now)).toBe('it is already collected');
    expect(collectionProblem(card('destroyed', 'destroy'), now)).toBe('it is already destroyed');
  });

  it('goes only to its holder, read as the counter types the number', () => {
    expect(isTheHolder('44010619900315123X', ' 44010619900315123x ')).toBe(true);
    expect(isTheHolder('44010619900315123X', '440106199003151241')).toBe(false);
  });
});
