import * as fs from 'node:fs';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { isTimestamp } from '@idcard/contracts';

/** Where a command writes and what it reads from its surroundings; tests pass their own. */
export interface OpsCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** The wall clock (validity, staleness, checkpoint times); `new Date()` when omitted. */
  now?: () => Date;
}

/** A bad argument: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command ran and the answer is "no" (a list that does not verify, a broken log): exit 1. */
export class CommandFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailure';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with the options given (each command declares its own --help) and no positionals; its complaints become UsageErrors. */
export function parseOptions<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function required(value: string | undefined, option: string, what: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${option} is required: ${what}`);
  return value;
}

/** An ISO 8601 instant with an offset, as the trust list carries them. */
export function instantOption(value: string | undefined, option: string): Date | undefined {
  if (value === undefined) return undefined;
  if (!isTimestamp(value))
    throw new UsageError(`${option} must be an ISO 8601 instant with an offset (e.g. 2026-11-22T08:00:00Z), not ${JSON.stringify(value)}`);
  return new Date(value);
}

/** An instant that must lie after `now` (a list's next update by). */
export function futureInstantOption(value: string | undefined, option: string, now: Date): Date | undefined {
  const t = instantOption(value, option);
  if (t && t.getTime() <= now.getTime()) throw new UsageError(`${option} ${t.toISOString()} is not after now (${now.toISOString()})`);
  return t;
}

/** A file named by an option; unreadable is a bad argument. */
export function readOptionFile(file: string, option: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${option} ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Runs a command body and turns its errors into exit codes: 2 with usage for a bad argument, 1 for a failure. */
export async function withExitCode(io: OpsCommandIo, help: string, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${help}`);
      return 2;
    }
    if (err instanceof CommandFailure) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/** Columns padded to their widest cell, two spaces apart. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
