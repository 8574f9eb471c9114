import '../libs/service-runtime/src/module-paths';
import { InfrastructureOptions, startInfrastructure } from './infrastructure';

/**
 * PostgreSQL and the development broker in a process group of their own (see startInfrastructureApart). Started by
 * npm start, which sends its options over IPC; answers there; stops on `stop`, or when npm start is gone.
 */
async function main(): Promise<void> {
  const send = (message: object) => process.send?.(message);
  // The terminal's Ctrl-C is npm start's to handle: it drains the services, then stops us.
  process.on('SIGINT', () => undefined);
  const options = await new Promise<InfrastructureOptions>((resolve) =>
    process.once('message', (m: { type?: string; options?: InfrastructureOptions }) => m.type === 'start' && resolve(m.options ?? {})),
  );
  let infrastructure;
  try {
    infrastructure = await startInfrastructure({ ...options, log: (line) => send({ type: 'log', line }) });
  } catch (err) {
    send({ type: 'failed', message: (err as Error).message });
    process.exit(1);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    infrastructure.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (m: { type?: string }) => m.type === 'stop' && stop());
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  send({ type: 'ready', databaseServerUrl: infrastructure.databaseServerUrl, kafkaBrokers: infrastructure.kafkaBrokers, embedded: infrastructure.embedded });
}

void main();
