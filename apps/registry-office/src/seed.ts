import '../../../libs/service-runtime/src/module-paths';
import { parseArgs } from 'util';
import { SystemClock } from '@idcard/clock';
import { cstDate } from '@idcard/contracts';
import { ensureDatabase, redactUrl, serviceDatabaseName } from '@idcard/database';
import { messagingEntities, messagingMigrations } from '@idcard/messaging';
import { runMigrationsLocked, SettingsReader } from '@idcard/service-runtime';
import { DataSource } from 'typeorm';
import { readSeedTarget } from './config';
import { registryEntities } from './entities';
import { registryMigrations } from './migrations';
import { PopulationRegister } from './register/population-register';

const USAGE = 'usage: DATABASE_URL=postgres://… node dist/apps/registry-office/src/seed.js --province 44 --count 1000 [--seed 1]';

/**
 * Development: fills the population register of one province with the synthetic citizens (adults with a
 * current card), idempotently, in the service's own database on the DATABASE_URL server (migrated first).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { province: { type: 'string' }, count: { type: 'string' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(USAGE + '\n');
  const read = new SettingsReader(process.env);
  const { province, serverUrl } = readSeedTarget(read, values.province);
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!(Number.isInteger(count) && count >= 1)) read.problem(`--count must be a positive integer, got ${JSON.stringify(values.count ?? '')}`);
  if (!(Number.isInteger(seed) && seed >= 0)) read.problem(`--seed must be a whole number, got ${JSON.stringify(values.seed)}`);
  try {
    read.check('registry-office seed');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`, { cause: err });
  }

  const databaseUrl = await ensureDatabase(serverUrl, serviceDatabaseName('registry-office', province));
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: [...messagingEntities, ...registryEntities],
    migrations: [...messagingMigrations, ...registryMigrations],
    migrationsTableName: 'schema_migrations', // the table serviceInfrastructure uses: the service and the seed share one history
  });
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
    const result = await dataSource.transaction((em) => new PopulationRegister().seed(em, province, count, seed, cstDate(new SystemClock().now())));
    process.stdout.write(JSON.stringify({ database: redactUrl(databaseUrl), province, count, seed, ...result }) + '\n');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`seeding failed: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
