#!/usr/bin/env node
import { parseArgs } from 'util';
import { startDevBroker } from './index';

/** `npm run broker -- --port 19092 [--data-dir DIR] [--partitions N] [--no-auto-create] [--verbose]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '19092' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      partitions: { type: 'string', default: '3' },
      'no-auto-create': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  const partitions = Number(values.partitions);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`--partitions must be a positive integer, got ${values.partitions}`);
  const broker = await startDevBroker({
    port,
    host: values.host,
    dataDir: values['data-dir'],
    defaultPartitions: partitions,
    autoCreateTopics: !values['no-auto-create'],
    log: values.verbose ? (e) => process.stderr.write(JSON.stringify({ time: new Date().toISOString(), ...e }) + '\n') : undefined,
  });
  console.log(`devbroker listening on ${broker.brokers[0]}`);
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
