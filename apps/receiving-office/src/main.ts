import { tracing } from './tracing';
import { runServiceProcess, serviceConfigFromEnv } from '@idcard/service-runtime';
import { readReceivingOfficeSettings } from './config';
import { startReceivingOffice } from './start';

/** `PROVINCE_CODE=65 DATABASE_URL=… KAFKA_BROKERS=… node dist/apps/receiving-office/src/main.js` (settings: config.ts) */
runServiceProcess(
  'receiving-office',
  async () => startReceivingOffice(await serviceConfigFromEnv('receiving-office', process.env, readReceivingOfficeSettings)),
  async () => tracing?.shutdown(),
);
