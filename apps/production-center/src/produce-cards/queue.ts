import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { QUEUE_ORDER } from '../domain/production-queue';
import { ProductionOrder } from '../take-orders/entities/production-order.entity';

/** Queued orders in production order (QUEUE_ORDER, served by the production_order_queue index). */
export function queuedOrders(em: EntityManager): SelectQueryBuilder<ProductionOrder> {
  const qb = em.getRepository(ProductionOrder).createQueryBuilder('o').where(`o.state = 'queued'`);
  for (const { key, direction } of QUEUE_ORDER) qb.addOrderBy(`o.${key}`, direction);
  return qb;
}
