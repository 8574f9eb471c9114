import { tracing } from './tracing';
import { runServiceProcess, serviceConfigFromEnv } from '@idcard/service-runtime';
import { readProductionCenterSettings } from './config';
import { startProductionCenter } from './start';

/** One province's production centre as a process, configured from the environment (src/config.ts and libs/service-runtime). */
runServiceProcess(
  'production-center',
  async () => startProductionCenter(await serviceConfigFromEnv('production-center', process.env, readProductionCenterSettings)),
  async () => tracing?.shutdown(),
);
