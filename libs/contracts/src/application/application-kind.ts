/** What the citizen asks for: 首次申领 first card, 换领 renewal on expiry, 补领 lost card, damaged-card replacement. */
export const APPLICATION_KINDS = ['first', 'renewal', 'lost', 'damaged'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export function isApplicationKind(value: unknown): value is ApplicationKind {
  return typeof value === 'string' && (APPLICATION_KINDS as readonly string[]).includes(value);
}

/** 工本费 in yuan: 20 for a first card, a renewal or a damaged card; 40 for a lost one. */
export const APPLICATION_FEES_YUAN: Readonly<Record<ApplicationKind, number>> = { first: 20, renewal: 20, lost: 40, damaged: 20 };

/** A temporary ID (临时身份证), made on the spot at the receiving office while the card is produced. */
export const TEMPORARY_ID_FEE_YUAN = 10;

export function feeFor(kind: ApplicationKind): number {
  return APPLICATION_FEES_YUAN[kind];
}
