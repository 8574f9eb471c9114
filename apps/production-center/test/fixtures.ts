import { randomUUID } from 'crypto';
import type { TokenRequest } from '@idcard/access';
import type { Clock } from '@idcard/clock';
import type { ServiceName } from '@idcard/contracts';
import { photoFields, SyntheticCitizen } from '@idcard/synthetic';

/** A unique tag per run, so receipts never collide with an earlier run on a shared Kafka. */
export const RUN = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();

export function receipt(province: string, n: number): string {
  return `R${province}-${RUN}-${String(n).padStart(4, '0')}`;
}

export interface OrderOptions {
  receiptNumber: string;
  citizen: SyntheticCitizen;
  receivingOfficeCode: string;
  expedited?: boolean;
  dueAt?: Date;
  cardScript?: string | null;
  forwardedFrom?: string;
  receivingProvince?: string;
}

/** A ProductionOrdered payload as a home registry sends it. */
export function productionOrder(o: OrderOptions, clock: Clock): Record<string, unknown> {
  const now = clock.now();
  return {
    receiptNumber: o.receiptNumber,
    kind: 'renewal',
    citizen: { idNumber: o.citizen.idNumber, name: o.citizen.name, sex: o.citizen.sex, birthDate: o.citizen.birthDate, ethnicGroup: o.citizen.ethnicGroup },
    photo: photoFields(),
    cardScript: o.cardScript ?? null,
    homeProvince: o.citizen.homeProvince,
    receivingProvince: o.receivingProvince ?? o.receivingOfficeCode.slice(0, 2),
    receivingOfficeCode: o.receivingOfficeCode,
    expedited: o.expedited ?? false,
    dueAt: (o.dueAt ?? new Date(now.getTime() + 50 * 86_400_000)).toISOString(),
    orderedAt: now.toISOString(),
    ...(o.forwardedFrom ? { forwardedFrom: o.forwardedFrom } : {}),
  };
}

/**
 * The envelope fields of a ProductionOrdered as its sender sends it (for ServiceUnderTest.sendMessage): the home
 * registry, or for a forwarded order the centre that forwarded it (the only senders the access rights allow).
 */
export function fromHomeRegistry(
  order: Record<string, unknown>,
  messageId?: string,
): { from: { province: string; service: ServiceName }; correlationId: string; messageId?: string } {
  const from = order.forwardedFrom
    ? { province: String(order.forwardedFrom), service: 'production-center' as const }
    : { province: String(order.homeProvince), service: 'registry-office' as const };
  return { from, correlationId: String(order.receiptNumber), messageId };
}

/** An operator of the production centre of `province` (issue 11: the production line and shipments are theirs). */
export function operatorOf(province: string, name = `制证员${province}`): TokenRequest {
  return { role: 'operator', province, name, subject: `operator-${province}-${name}` };
}

/** The national operations desk: GET /audit, and the read-only views an operator on call needs at 3 a.m. */
export const OPS: TokenRequest = { role: 'ops', name: '值班运维', subject: 'ops-on-call' };

/**
 * Who calls each route of a centre of `province` when a test does not say (ServiceUnderTest's actorFor): an
 * operator of that centre for every route of the app, ops for the audit trail.
 */
export function actorFor(province: string): (method: string, path: string) => TokenRequest | null {
  return (_method, path) => (path === '/audit' || path.startsWith('/audit?') ? OPS : operatorOf(province));
}
