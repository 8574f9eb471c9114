import { tracing } from './tracing';
import { runServiceProcess, serviceConfigFromEnv } from '@idcard/service-runtime';
import { readRegistryOfficeSettings } from './config';
import { startRegistryOffice } from './start';

/** `PROVINCE_CODE=44 DATABASE_URL=… KAFKA_BROKERS=… node dist/apps/registry-office/src/main.js` */
runServiceProcess(
  'registry-office',
  async () => startRegistryOffice(await serviceConfigFromEnv('registry-office', process.env, readRegistryOfficeSettings)),
  async () => tracing?.shutdown(),
);
