import type { ProvinceCode } from './codes/provinces';

export type ServiceName = 'receiving-office' | 'registry-office' | 'production-center';

/**
 * Topics are addressed to one province's service, so each province consumes only what is meant for it and
 * ACLs can be set per prefix. Keys are citizen ID numbers, so one citizen's messages stay in order.
 */
export const topics = {
  /** receiving office → home registry: applications (and, later, deadline warnings). */
  registryApplications: (province: string) => `idcard.registry.${province}.applications`,
  /** production centre → home registry: cards produced. */
  registryCards: (province: string) => `idcard.registry.${province}.cards`,
  /** home registry → receiving office: signed off or rejected. */
  receivingDecisions: (province: string) => `idcard.receiving.${province}.decisions`,
  /** production centre → receiving office: shipments with their manifests. */
  receivingShipments: (province: string) => `idcard.receiving.${province}.shipments`,
  /** home registry → production centre, and centre → centre when a script cannot be printed. */
  productionOrders: (province: string) => `idcard.production.${province}.orders`,
  /** home registry → everyone: a card is no longer valid. */
  cardInvalidations: () => 'idcard.national.card-invalidations',
};

/** Where messages that could not be applied go, with the reason in a header. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** The consumer group of one service of one province, e.g. idcard-registry-office-44. */
export function consumerGroup(service: ServiceName, province: ProvinceCode | string): string {
  return `idcard-${service}-${province}`;
}
