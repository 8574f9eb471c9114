import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import type { ServiceName } from '@idcard/contracts';
import type { ServiceIdentity } from '@idcard/messaging';
import type { ServiceProcessMessage } from '@idcard/service-runtime';

/** How one service of one province runs as processes of its own: the environment its entry point reads, and how many replicas. */
export interface ServiceProcessSpec {
  identity: ServiceIdentity;
  /** The whole environment of the process (PROVINCE_CODE, DATABASE_URL, KAFKA_BROKERS, HTTP_PORT, TRUST_DIR, AUTH_*, …). */
  env: NodeJS.ProcessEnv;
  /** Replicas in one consumer group behind the one HTTP port (node:cluster, replica-set.ts); 1 = the entry point alone. */
  replicas: number;
}

/** A service started as an OS process (or a replica set of them). */
export interface ServiceProcess {
  identity: ServiceIdentity;
  url: string;
  replicas: number;
  /** The top process: the service itself, or the replica set's primary (its replicas are its children). */
  pid: number;
  /** Resolves with the exit code once the process (and, for a replica set, every replica) has exited. */
  exited: Promise<number | null>;
  /** SIGTERM (the service drains as it does in a container), SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** The built entry point of a service, the same one the Docker image runs (dist/apps/<service>/src/main.js). */
export function entryPointOf(service: ServiceName): string {
  return path.resolve(__dirname, '..', 'apps', service, 'src', 'main.js');
}

/**
 * Starts one service as a process of its own and resolves once it is ready (its entry point says so over IPC). Each
 * child leads a process group of its own (detached), so a terminal's Ctrl-C reaches only npm start, which stops the
 * children itself, all at once, before PostgreSQL and the broker; a child whose parent dies stops itself (its IPC
 * channel closes).
 */
export function startServiceProcess(spec: ServiceProcessSpec): Promise<ServiceProcess> {
  const entry = entryPointOf(spec.identity.service);
  const [script, args] = spec.replicas > 1 ? [path.resolve(__dirname, 'replica-set.js'), [entry, String(spec.replicas)]] : [entry, []];
  const child: ChildProcess = fork(script, args, {
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // A profile of npm start or the bench (`node --cpu-prof --cpu-prof-dir=…`) takes in every service process too.
    execArgv: [...process.execArgv.filter((a) => a.startsWith('--cpu-prof')), '-r', 'tsconfig-paths/register'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const name = `${spec.identity.service} ${spec.identity.province}`;
  return new Promise<ServiceProcess>((resolve, reject) => {
    child.on('message', (m: ServiceProcessMessage) => {
      if (m.type === 'service.failed') reject(new Error(`${name} failed to start: ${m.message}`));
      else if (m.type === 'service.ready')
        resolve({
          identity: spec.identity,
          url: m.url,
          replicas: spec.replicas,
          pid: child.pid!,
          exited,
          stop: async (graceMs = 10_000) => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            await exited;
            clearTimeout(timer);
          },
        });
    });
    void exited.then((code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
}
