import { Admin, Kafka } from 'kafkajs';
import { LagReport, LagTracker } from '../domain/lag-tracker';
import { GroupSelection, readConsumerGroups } from './consumer-group-reader';

export interface LagMonitorOptions {
  /** The kafkajs client to read through; the monitor makes (and owns) an admin client of its own. */
  kafka: Kafka;
  /** Groups to watch; every group the cluster lists when omitted. */
  selection?: GroupSelection;
  /** Status window (ms). */
  windowMs: number;
  /** Wall-clock time of the cluster (Kafka's time, never the services' business clock). */
  now?: () => number;
  /** Told about a failed sample; the last good report stays. */
  onError?: (error: Error) => void;
}

/** Watches consumer groups through the admin API: samples on a timer (or when asked) and keeps their lag, time lag and status. */
export class LagMonitor {
  private readonly tracker: LagTracker;
  private readonly now: () => number;
  private admin: Admin | null = null;
  private inFlight: Promise<LagReport> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private closed = false;
  /** Aborted by stop(): a read in flight ends at its next step instead of going through every group. */
  private readonly stopping = new AbortController();
  /** Why the last sample failed; null after a good one. */
  lastError: string | null = null;

  constructor(private readonly options: LagMonitorOptions) {
    this.tracker = new LagTracker({ windowMs: options.windowMs });
    this.now = options.now ?? Date.now;
  }

  get windowMs(): number {
    return this.tracker.windowMs;
  }

  /** Time of the last good sample (ms), null before one. */
  get lastSampledAtMs(): number | null {
    return this.tracker.lastObservedAtMs;
  }

  /** Reads the groups once and adds what it saw to the windows; callers at the same moment share one read. */
  sample(): Promise<LagReport> {
    if (this.closed) return Promise.reject(new Error('the lag monitor is stopped'));
    this.inFlight ??= this.readOnce().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** The last sample's lag and statuses, time lag aged to now. */
  report(): LagReport {
    return this.tracker.report(this.now());
  }

  /** A report no older than `maxAgeMs`, sampling if the last one is older. */
  async freshReport(maxAgeMs: number): Promise<LagReport> {
    const last = this.tracker.lastObservedAtMs;
    if (last === null || this.now() - last > maxAgeMs) await this.sample().catch(() => undefined);
    return this.report();
  }

  /** Samples every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    const tick = async () => {
      await this.sample().catch(() => undefined);
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    this.stopped = false;
    void tick();
  }

  /**
   * For a one-shot command: samples `samples` times spread over `periodMs` (at least two), so the status window
   * (as long as the period) is covered, and returns the report at the last sample.
   */
  async sampleOver(periodMs: number, samples: number): Promise<LagReport> {
    const count = Math.max(2, samples);
    // Spaced from the first observation's own time, so the last one is at least a window after it.
    const first = (await this.sample()).atMs;
    for (let i = 1; i < count; i++) {
      const due = first + (periodMs * i) / (count - 1);
      while (this.now() < due) await new Promise((r) => setTimeout(r, Math.max(1, due - this.now())));
      await this.sample();
    }
    return this.report();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    // A read of every group takes several round trips, and longest when a shutdown most wants the event loop: a
    // service's or the console's first sample is in flight at the moment npm start says it is ready.
    this.stopping.abort(new Error('the lag monitor is stopped'));
    await this.inFlight?.catch(() => undefined);
    await this.dropAdmin();
  }

  private async readOnce(): Promise<LagReport> {
    try {
      if (!this.admin) {
        const admin = this.options.kafka.admin({ retry: { retries: 2, initialRetryTime: 100 } });
        await admin.connect();
        this.admin = admin;
      }
      const observation = await readConsumerGroups(this.admin, this.options.selection ?? {}, this.now, this.stopping.signal);
      this.tracker.ingest(observation);
      this.lastError = null;
      return this.tracker.report(observation.atMs);
    } catch (err) {
      // A read given up by stop() is no failure of the cluster: nothing to report.
      if (this.closed) throw err;
      this.lastError = (err as Error).message;
      this.options.onError?.(err as Error);
      // A fresh admin client next time: kafkajs keeps metadata targets and broken connections across calls.
      await this.dropAdmin();
      throw err;
    }
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }
}
