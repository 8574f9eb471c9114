import type { ApplicationStatus } from '@idcard/contracts';
import { canTransition } from './application';
import { CardAlreadyArrived, CardNotInShipment } from './errors';

/**
 * What a manifest line does to the application it names:
 * - `ship`: the application becomes shipped, with this card;
 * - `await-sign-off`: the card came before the sign-off was read here (the two travel on different topics);
 *   the line is kept and the sign-off, when it comes, takes the application on to shipped;
 * - `keep-line-only`: no transition (unknown receipt, rejected, already shipped) — the line is kept so the
 *   clerk sees the card, and the reason is logged.
 */
export type ManifestLineOutcome = { outcome: 'ship' } | { outcome: 'await-sign-off' } | { outcome: 'keep-line-only'; reason: string };

export function manifestLineOutcome(current: ApplicationStatus | null): ManifestLineOutcome {
  if (current === null) return { outcome: 'keep-line-only', reason: 'no application with this receipt number at this office' };
  if (canTransition(current, 'shipped')) return { outcome: 'ship' };
  if (canTransition(current, 'signed_off')) return { outcome: 'await-sign-off' };
  return { outcome: 'keep-line-only', reason: `the application is ${current}` };
}

export interface ManifestLine {
  position: number;
  receiptNumber: string;
  cardSerial: string;
  arrivedAt: Date | null;
}

/** A shipment's cards in manifest order, confirmed one by one as they come out of the parcel. */
export class ShipmentManifest {
  readonly lines: readonly ManifestLine[];

  constructor(
    readonly shipmentId: string,
    lines: readonly ManifestLine[],
  ) {
    this.lines = [...lines].sort((a, b) => a.position - b.position);
  }

  /** The line of a card that has just come out of the parcel; throws when it is not expected. */
  lineForArrival(cardSerial: string): ManifestLine {
    const line = this.lines.find((l) => l.cardSerial === cardSerial);
    if (!line) throw new CardNotInShipment(this.shipmentId, cardSerial);
    if (line.arrivedAt) throw new CardAlreadyArrived(cardSerial, line.arrivedAt);
    return line;
  }

  /** Cards on the manifest not yet confirmed: a card missing from the parcel stays here. */
  get awaiting(): ManifestLine[] {
    return this.lines.filter((l) => !l.arrivedAt);
  }

  get complete(): boolean {
    return this.awaiting.length === 0;
  }
}
