import { CreatePopulationRegister1764100000000 } from './1764100000000-create-population-register';
import { SealedApplicationAndReviewer1796300000000 } from './1796300000000-sealed-application-and-reviewer';

/** In order; never edit one that has shipped, add the next. */
export const registryMigrations = [CreatePopulationRegister1764100000000, SealedApplicationAndReviewer1796300000000];
