import cluster, { Worker } from 'node:cluster';
import type { ServiceProcessMessage } from '@idcard/service-runtime';

/**
 * Several replicas of one service behind one port: `node dist/scripts/replica-set.js <entry point> <replicas>` forks
 * the entry point (the one the Docker image runs, e.g. dist/apps/registry-office/src/main.js) that many times with
 * node:cluster, so every replica listens on the one HTTP_PORT (connections are dealt round-robin) and joins the one
 * consumer group, where Kafka shares the partitions between them. Tells its parent once every replica is ready;
 * SIGTERM or SIGINT stops the replicas (each drains as a lone service does) and then itself.
 */
function main(): void {
  const [entry, count] = process.argv.slice(2);
  const replicas = Number(count);
  if (!entry || !Number.isInteger(replicas) || replicas < 1) {
    process.stderr.write('usage: replica-set.js <entry point> <replicas>\n');
    process.exit(2);
  }
  cluster.setupPrimary({ exec: entry, args: [] });
  const workers: Worker[] = [];
  let ready = 0;
  let stopping = false;
  let failed = false;
  const tell = (m: ServiceProcessMessage) => process.send?.(m);
  for (let i = 0; i < replicas; i++) {
    const worker = cluster.fork({ REPLICA: String(i) });
    workers.push(worker);
    worker.on('message', (m: ServiceProcessMessage) => {
      if (m.type === 'service.ready' && ++ready === replicas) tell(m);
      if (m.type === 'service.failed') tell(m);
    });
  }
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      // A replica that dies takes the set down: npm start reports it, as it would a lone service that died.
      process.stderr.write(`replica ${worker.id} of ${entry} exited (${code})\n`);
      failed = true;
      stop();
    }
    if (workers.every((w) => w.isDead())) process.exit(failed ? 1 : 0);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of workers) if (!w.isDead()) w.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

main();
