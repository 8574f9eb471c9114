import { call } from './demo-http';

/** A card the receiving office has been told is on its way: what the clerk scans and hands over. */
export interface CardToCollect {
  receipt: string;
  serial: string;
  shipment: string;
}

/**
 * The cards a receiving office expects or holds and has not handed over, read from its own database by the bench and
 * the drill. `arrived` too: an arrival confirmed in a round whose answer was lost (a crash, a timeout) still needs its
 * handover.
 */
export const CARDS_TO_COLLECT_SQL = `SELECT receipt_number AS receipt, card_serial AS serial, shipment_id AS shipment
  FROM application WHERE status IN ('shipped', 'arrived')`;

/**
 * The clerk at `officeUrl` confirms the card's arrival and hands it to its holder. A 409 on the arrival means it was
 * confirmed already (that earlier round's answer was lost): the handover goes on. Throws on anything else, for the
 * caller to try again on a later round.
 */
export async function collectCard(officeUrl: string, card: CardToCollect, holderIdNumber: string, clerkToken: string): Promise<void> {
  const arrived = await call('POST', `${officeUrl}/shipments/${card.shipment}/arrivals`, { cardSerial: card.serial }, clerkToken);
  if (arrived.status >= 300 && arrived.status !== 409) throw new Error(`arrival ${arrived.status}`);
  const handed = await call('POST', `${officeUrl}/applications/${card.receipt}/handover`, { idNumber: holderIdNumber }, clerkToken);
  if (handed.status !== 200) throw new Error(`handover ${handed.status}`);
}
