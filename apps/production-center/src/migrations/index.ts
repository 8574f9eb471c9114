import { CreateProduction1764100000000 } from './1764100000000-create-production';
import { DeadlineEscalations1764300000000 } from './1764300000000-deadline-escalations';
import { OperatorsAndSealedPhotos1796300000000 } from './1796300000000-operators-and-sealed-photos';
import { OrderTraceContext1797216000001 } from './1797216000001-order-trace-context';

export const productionMigrations = [
  CreateProduction1764100000000,
  DeadlineEscalations1764300000000,
  OperatorsAndSealedPhotos1796300000000,
  OrderTraceContext1797216000001,
];
