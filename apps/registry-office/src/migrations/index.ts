import { CreatePopulationRegister1764100000000 } from './1764100000000-create-population-register';
import { SealedApplicationAndReviewer1796300000000 } from './1796300000000-sealed-application-and-reviewer';
import { BiometricsPurged1796414000000 } from './1796414000000-biometrics-purged';
import { LostCards1797000000000 } from './1797000000000-lost-cards';
import { RegisterPhoto1797100000000 } from './1797100000000-register-photo';
import { ChecksElsewhere1797200000000 } from './1797200000000-checks-elsewhere';
import { RegistryApplicationTraceContext1797216000003 } from './1797216000003-application-trace-context';

/** In order; never edit one that has shipped, add the next. */
export const registryMigrations = [
  CreatePopulationRegister1764100000000,
  SealedApplicationAndReviewer1796300000000,
  BiometricsPurged1796414000000,
  LostCards1797000000000,
  RegisterPhoto1797100000000,
  ChecksElsewhere1797200000000,
  RegistryApplicationTraceContext1797216000003,
];
