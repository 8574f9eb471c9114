/**
 * Thrown by a handler for a message that is well formed but can never be applied here (addressed to another
 * province, about an application this office never saw): it is dead-lettered with this reason at once.
 */
export class RejectMessage extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RejectMessage';
  }
}
