import { CreateReceivingOffice1764200000000 } from './1764200000000-create-receiving-office';
import { DeadlineAlerts1764300000000 } from './1764300000000-deadline-alerts';

export const receivingOfficeMigrations = [CreateReceivingOffice1764200000000, DeadlineAlerts1764300000000];
