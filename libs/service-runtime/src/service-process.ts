import { Logger } from '@nestjs/common';
import type { RunningService } from './service-runtime';

/**
 * One service as its own process (docker-compose, Kubernetes): starts it, logs where it listens, and stops it
 * cleanly on SIGINT or SIGTERM; a failure to start exits 1 with the reason.
 */
export function runServiceProcess(name: string, start: () => Promise<RunningService>): void {
  const logger = new Logger(name);
  start().then(
    (running) => {
      logger.log({ event: 'service.started', url: running.url });
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.log({ event: 'service.stopping', signal });
        running.stop().then(
          () => process.exit(0),
          (err) => {
            logger.error({ event: 'service.stop-failed', error: (err as Error).message });
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    },
    (err) => {
      process.stderr.write(`${name} failed to start: ${err instanceof Error ? err.stack : err}\n`);
      process.exit(1);
    },
  );
}
