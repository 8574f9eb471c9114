/**
 * How the finished card reaches the citizen: picked up at the counter, at a self-service pickup machine
 * (the citizen gets an SMS when the card arrives), or by post (a postal address is then required).
 */
export const DELIVERY_METHODS = ['counter', 'kiosk', 'post'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export function isDeliveryMethod(value: unknown): value is DeliveryMethod {
  return typeof value === 'string' && (DELIVERY_METHODS as readonly string[]).includes(value);
}
