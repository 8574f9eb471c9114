import { CreateReceivingOffice1764200000000 } from './1764200000000-create-receiving-office';

export const receivingOfficeMigrations = [CreateReceivingOffice1764200000000];
