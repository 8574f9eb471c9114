import { CreatePopulationRegister1764100000000 } from './1764100000000-create-population-register';

/** In order; never edit one that has shipped, add the next. */
export const registryMigrations = [CreatePopulationRegister1764100000000];
