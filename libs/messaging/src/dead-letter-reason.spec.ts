import { boundedReason, MAX_DEAD_LETTER_REASON } from './dead-letter-reason';

describe('the reason a dead letter carries', () => {
  it('is the reason itself up to the limit', () => {
    const atLimit = 'x'.repeat(MAX_DEAD_LETTER_REASON);
    expect(boundedReason('no handler for message type ApplicationRejected')).toBe('no handler for message type ApplicationRejected');
    expect(boundedReason(atLimit)).toBe(atLimit);
  });

  it('is cut at the limit past it, saying how long the whole reason was', () => {
    const reason = 'a'.repeat(MAX_DEAD_LETTER_REASON) + 'b'.repeat(500);
    expect(boundedReason(reason)).toBe(`${'a'.repeat(MAX_DEAD_LETTER_REASON)}… (${MAX_DEAD_LETTER_REASON + 500} characters)`);
    expect(boundedReason('c'.repeat(MAX_DEAD_LETTER_REASON + 1))).toBe(`${'c'.repeat(MAX_DEAD_LETTER_REASON)}… (${MAX_DEAD_LETTER_REASON + 1} characters)`);
  });
});
