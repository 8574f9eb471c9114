import { retriable } from './kafka-inbox.transport';

describe('handing a failure back to kafkajs to be delivered again', () => {
  it('turns the errors kafkajs would take for its own bugs into plain errors with the same message and the original as cause', () => {
    for (const original of [new TypeError('a'), new RangeError('b'), new ReferenceError('c'), new SyntaxError('d')]) {
      const handed = retriable(original) as Error;
      expect(handed).not.toBe(original);
      expect(handed.name).toBe('Error');
      expect(handed.message).toBe(original.message);
      expect(handed.cause).toBe(original);
    }
  });

  it('hands any other failure back as it is', () => {
    const plain = new Error('deadlock detected');
    const custom = Object.assign(new Error('rejected'), { name: 'RejectMessage' });
    expect(retriable(plain)).toBe(plain);
    expect(retriable(custom)).toBe(custom);
    expect(retriable('a string thrown')).toBe('a string thrown');
    // Not an Error, whatever it calls itself: nothing to wrap.
    const lookalike = { name: 'TypeError', message: 'x' };
    expect(retriable(lookalike)).toBe(lookalike);
  });
});
