import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Runs a callback once the transaction it was asked in has committed: a reader woken by the write itself (before the
 * commit) would find nothing, the row not being visible yet, and go back to sleep with the work waiting. Each callback
 * runs once per transaction however often it is asked; a rolled-back transaction runs none. Outside a transaction the
 * callback runs at once.
 */
@Injectable()
export class AfterCommit {
  private readonly waiting = new WeakMap<QueryRunner, Set<() => void>>();

  constructor(dataSource: DataSource) {
    dataSource.subscribers.push({
      afterTransactionCommit: (event: { queryRunner: QueryRunner }) => this.settle(event.queryRunner, true),
      afterTransactionRollback: (event: { queryRunner: QueryRunner }) => this.settle(event.queryRunner, false),
    });
  }

  /** `callback` once the transaction of `em` has committed; at once when `em` is not in one. */
  run(em: EntityManager, callback: () => void): void {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) return callback();
    const callbacks = this.waiting.get(runner) ?? new Set();
    callbacks.add(callback);
    this.waiting.set(runner, callbacks);
  }

  private settle(runner: QueryRunner, committed: boolean): void {
    // A nested transaction's savepoint released or rolled back: the outer transaction decides.
    if (runner.isTransactionActive) return;
    const callbacks = this.waiting.get(runner);
    if (!callbacks) return;
    this.waiting.delete(runner);
    if (committed) for (const callback of callbacks) callback();
  }
}
