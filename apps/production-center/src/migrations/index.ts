import { CreateProduction1764100000000 } from './1764100000000-create-production';

export const productionMigrations = [CreateProduction1764100000000];
