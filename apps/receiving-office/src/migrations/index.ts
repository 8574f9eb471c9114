import { CreateReceivingOffice1764200000000 } from './1764200000000-create-receiving-office';
import { DeadlineAlerts1764300000000 } from './1764300000000-deadline-alerts';
import { StepActors1796300000000 } from './1796300000000-step-actors';
import { LostCards1796400000000 } from './1796400000000-lost-cards';
import { SubmissionIdempotency1796414000000 } from './1796414000000-submission-idempotency';
import { ApplicationTraceContext1797216000002 } from './1797216000002-application-trace-context';

export const receivingOfficeMigrations = [
  CreateReceivingOffice1764200000000,
  DeadlineAlerts1764300000000,
  StepActors1796300000000,
  LostCards1796400000000,
  SubmissionIdempotency1796414000000,
  ApplicationTraceContext1797216000002,
];
