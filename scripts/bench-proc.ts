import * as fs from 'node:fs';

/** CPU time and resident memory of processes, from /proc (Linux): what the benchmark charges to the system under load. */
export interface ProcessSample {
  pid: number;
  /** utime + stime, in ms. */
  cpuMs: number;
  rssMb: number;
}

const TICK_MS = 10; // USER_HZ is 100 on every Linux the project runs on

export function sampleProcess(pid: number): ProcessSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { pid, cpuMs, rssMb: rssKb / 1024 };
  } catch {
    return null; // gone meanwhile
  }
}

/** Every process below `root` (children, grandchildren …): services, replicas, the infrastructure process, PostgreSQL and its backends. */
export function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentOf) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** CPU ms of a set of processes, by pid: compare two readings with cpuBetween. */
export function cpuReading(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const s = sampleProcess(pid);
    if (s) out.set(pid, s.cpuMs);
  }
  return out;
}

/** CPU spent between two readings: a process seen only at the end is charged all of its time (it started in between). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** The command name of a process (postgres, node, …), for a breakdown of CPU by part. */
export function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return 'gone';
  }
}

/** CPU spent between two readings, by command name. */
export function cpuByCommand(before: Map<number, number>, after: Map<number, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pid, ms] of after) {
    const name = commandOf(pid);
    out[name] = (out[name] ?? 0) + ms - (before.get(pid) ?? 0);
  }
  return out;
}
