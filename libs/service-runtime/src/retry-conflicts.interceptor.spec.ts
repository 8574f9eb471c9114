import { CallHandler, ExecutionContext } from '@nestjs/common';
import { defer, lastValueFrom, of, throwError } from 'rxjs';
import { RetryTransactionConflicts } from './retry-conflicts.interceptor';

describe('retrying a request whose transaction lost a deadlock', () => {
  const context = {} as ExecutionContext;
  const handlerFailing = (failures: number, code: string) => {
    let calls = 0;
    const next: CallHandler = { handle: () => defer(() => (++calls <= failures ? throwError(() => Object.assign(new Error(code), { code })) : of('done'))) };
    return { next, calls: () => calls };
  };

  it('runs the handler again after a deadlock or serialization failure', async () => {
    const h = handlerFailing(2, '40P01');
    await expect(lastValueFrom(new RetryTransactionConflicts(3).intercept(context, h.next))).resolves.toBe('done');
    expect(h.calls()).toBe(3);
  });

  it('gives up after its attempts, and never retries other errors', async () => {
    const stubborn = handlerFailing(10, '40001');
    await expect(lastValueFrom(new RetryTransactionConflicts(2).intercept(context, stubborn.next))).rejects.toThrow('40001');
    expect(stubborn.calls()).toBe(3);
    const unique = handlerFailing(1, '23505');
    await expect(lastValueFrom(new RetryTransactionConflicts(3).intercept(context, unique.next))).rejects.toThrow('23505');
    expect(unique.calls()).toBe(1);
  });
});
