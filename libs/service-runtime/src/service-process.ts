import { Logger } from '@nestjs/common';
import type { RunningService } from './service-runtime';

/** What a service process tells a parent that forked it (npm start --processes) over its IPC channel. */
export type ServiceProcessMessage = { type: 'service.ready'; url: string } | { type: 'service.failed'; message: string };

/**
 * One service as its own process (docker-compose, Kubernetes, npm start --processes): starts it, logs where it
 * listens (and tells a parent on its IPC channel, if it has one), and stops it cleanly on SIGINT or SIGTERM; a
 * failure to start exits 1 with the reason; `afterStop` runs once the service has stopped, before the process exits.
 */
export function runServiceProcess(name: string, start: () => Promise<RunningService>, afterStop: () => Promise<void> = async () => undefined): void {
  const logger = new Logger(name);
  const tell = (message: ServiceProcessMessage) => process.send?.(message);
  let running: RunningService | null = null;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ event: 'service.stopping', signal });
    // Still starting (a start can take minutes on a crowded machine): nothing has been taken on that a stop must
    // finish, and whatever start was doing in the database is in a transaction of its own. Waiting for the start
    // would leave the process running long after whoever stopped it is gone.
    if (!running) process.exit(0);
    // afterStop: what must leave before the process does (the last spans of its trace exporter).
    running
      .stop()
      .then(afterStop)
      .then(
        () => process.exit(0),
        (err) => {
          logger.error({ event: 'service.stop-failed', error: (err as Error).message });
          process.exit(1);
        },
      );
  };
  // Listened to from the first moment: a signal or a parent gone while the service starts is not missed.
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // A parent that forked us and is gone (killed outright): nobody will ever send the signal, so stop now.
  if (process.send) {
    process.once('disconnect', () => stop('parent gone'));
    if (!process.connected) stop('parent gone');
  }
  start().then(
    (service) => {
      running = service;
      logger.log({ event: 'service.started', url: service.url });
      tell({ type: 'service.ready', url: service.url });
    },
    (err) => {
      tell({ type: 'service.failed', message: err instanceof Error ? err.message : String(err) });
      process.stderr.write(`${name} failed to start: ${err instanceof Error ? err.stack : err}\n`);
      process.exit(1);
    },
  );
}
