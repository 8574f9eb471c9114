#!/usr/bin/env node
import { readFileSync } from 'fs';
import { parseArgs } from 'util';
import { startDevBroker } from './index';
import { SASL_MECHANISMS, SaslMechanism, SaslOptions } from './sasl';

/**
 * `--sasl-users FILE` (a JSON object `{ "user": "password" }`) and `--sasl-mechanisms PLAIN,SCRAM-SHA-256,…`
 * (all three by default): the broker then requires SASL authentication.
 */
function saslOptions(usersFile: string | undefined, mechanismList: string | undefined): SaslOptions | undefined {
  if (usersFile === undefined) {
    if (mechanismList !== undefined) throw new Error('--sasl-mechanisms needs --sasl-users FILE');
    return undefined;
  }
  let users: unknown;
  try {
    users = JSON.parse(readFileSync(usersFile, 'utf8'));
  } catch (err) {
    throw new Error(`--sasl-users ${usersFile}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof users !== 'object' || users === null || Array.isArray(users) || Object.values(users).some((p) => typeof p !== 'string')) {
    throw new Error(`--sasl-users ${usersFile} must hold a JSON object of username to password strings`);
  }
  const mechanisms = mechanismList?.split(',').map((m) => m.trim().toUpperCase());
  const unknown = mechanisms?.filter((m) => !SASL_MECHANISMS.includes(m as SaslMechanism)) ?? [];
  if (unknown.length) throw new Error(`--sasl-mechanisms: unknown ${unknown.join(', ')} (supported: ${SASL_MECHANISMS.join(', ')})`);
  return { users: users as Record<string, string>, mechanisms: mechanisms as SaslMechanism[] | undefined };
}

/**
 * `npm run broker -- --port 19092 [--data-dir DIR] [--partitions N] [--no-auto-create] [--verbose]
 *  [--sasl-users FILE [--sasl-mechanisms LIST]]`
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '19092' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      partitions: { type: 'string', default: '3' },
      'no-auto-create': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'sasl-users': { type: 'string' },
      'sasl-mechanisms': { type: 'string' },
    },
  });
  const port = Number(values.port);
  const partitions = Number(values.partitions);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`--partitions must be a positive integer, got ${values.partitions}`);
  const sasl = saslOptions(values['sasl-users'], values['sasl-mechanisms']);
  const broker = await startDevBroker({
    port,
    host: values.host,
    dataDir: values['data-dir'],
    defaultPartitions: partitions,
    autoCreateTopics: !values['no-auto-create'],
    sasl,
    log: values.verbose ? (e) => process.stderr.write(JSON.stringify({ time: new Date().toISOString(), ...e }) + '\n') : undefined,
  });
  const userCount = sasl ? Object.keys(sasl.users).length : 0;
  const auth = sasl ? ` (SASL_PLAINTEXT: ${(sasl.mechanisms ?? SASL_MECHANISMS).join(', ')}; ${userCount} user${userCount === 1 ? '' : 's'})` : '';
  console.log(`devbroker listening on ${broker.brokers[0]}${auth}`);
  const shutdown = (signal: string) => {
    console.log(`devbroker stopping (${signal})`);
    broker.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(`devbroker: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
