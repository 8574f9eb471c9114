/** A process's environment, or any record of settings in its form (tests and npm start build one). */
export type Environment = Record<string, string | undefined>;

/** A service refused to start: every bad setting, named at once, so one restart fixes them all. */
export class SettingsError extends Error {
  constructor(
    readonly who: string,
    readonly problems: string[],
  ) {
    super(`${who} cannot start: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

interface IntegerRange {
  min?: number;
  max?: number;
}

/**
 * Reads settings from an environment and collects what is wrong instead of throwing at the first problem;
 * `check` then throws one SettingsError naming every bad variable. Unset or blank means the default.
 */
export class SettingsReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Environment) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  /** Records a problem found by a check of the caller's own. */
  problem(text: string): void {
    this.problems.push(text);
  }

  text(name: string): string | undefined;
  text(name: string, fallback: string): string;
  text(name: string, fallback?: string): string | undefined {
    return this.raw(name) ?? fallback;
  }

  /** A setting that must be given: no default makes sense (the province of a deployment, say). */
  required(name: string, what: string): string {
    const value = this.raw(name);
    if (value === undefined) this.problem(`${name} must be set: ${what}`);
    return value ?? '';
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.problem(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
    return fallback;
  }

  integer(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER }: IntegerRange = {}): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    this.problem(`${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got ${JSON.stringify(value)}`);
    return fallback;
  }

  /** Comma-separated, blanks dropped; the fallback when unset. */
  list(name: string, fallback: string[] = []): string[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  integerList(name: string, fallback: number[], range: IntegerRange = {}): number[] {
    const items = this.list(name, fallback.map(String));
    const { min = 0, max = Number.MAX_SAFE_INTEGER } = range;
    const bad = items.filter((item) => !/^\d+$/.test(item) || Number(item) < min || Number(item) > max);
    if (bad.length === 0) return items.map(Number);
    this.problem(`${name} must list whole numbers from ${min} to ${max}, got ${JSON.stringify(this.raw(name))}`);
    return fallback;
  }

  /** Throws one SettingsError naming every problem found so far. */
  check(who: string): void {
    if (this.problems.length) throw new SettingsError(who, [...this.problems]);
  }
}
