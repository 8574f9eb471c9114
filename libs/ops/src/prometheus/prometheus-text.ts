/** One sample line of the Prometheus text exposition format. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusFamily {
  name: string;
  type: string;
  help: string;
}

export interface ParsedMetrics {
  samples: PrometheusSample[];
  families: Map<string, PrometheusFamily>;
}

/**
 * Parses the Prometheus text format (version 0.0.4): # HELP and # TYPE lines and samples with escaped label
 * values. prom-client writes this format but has no reader; the ops console reads the services' /metrics with it.
 */
export function parsePrometheusText(text: string): ParsedMetrics {
  const samples: PrometheusSample[] = [];
  const families = new Map<string, PrometheusFamily>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, type: 'untyped', help: '' }));
    return f;
  };
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(.*)$/.exec(line);
      if (m && m[1] === 'HELP') family(m[2]).help = m[3].replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      else if (m) family(m[2]).type = m[3];
      continue;
    }
    samples.push(parseSample(line, index + 1));
  }
  return { samples, families };
}

function parseSample(line: string, lineNumber: number): PrometheusSample {
  const fail = (why: string) => new Error(`line ${lineNumber}: ${why}: ${line}`);
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (!name) throw fail('no metric name');
  let i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    while (true) {
      while (line[i] === ' ' || line[i] === ',') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      const label = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i))?.[0];
      if (!label) throw fail('bad label name');
      i += label.length;
      if (line[i] !== '=' || line[i + 1] !== '"') throw fail(`label ${label} has no quoted value`);
      i += 2;
      let value = '';
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\') {
          const next = line[++i];
          value += next === 'n' ? '\n' : next;
        } else value += line[i];
      }
      if (line[i] !== '"') throw fail(`label ${label} value is not closed`);
      i++;
      labels[label] = value;
    }
  }
  const [valueText = ''] = line.slice(i).trim().split(/\s+/);
  const value = parseValue(valueText);
  if (value === null) throw fail('no value');
  return { name, labels, value };
}

/** A sample value as Go's ParseFloat (Prometheus) reads it: NaN and Inf in any case (prom-client writes "Nan"). */
function parseValue(text: string): number | null {
  const lower = text.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  const value = Number(text);
  return text !== '' && !Number.isNaN(value) ? value : null;
}

/** The samples of one metric whose labels include all of `match`. */
export function samplesOf(parsed: ParsedMetrics, name: string, match: Record<string, string> = {}): PrometheusSample[] {
  return parsed.samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** Sum of a metric over the samples matching `match`; null when there is none. */
export function sumOf(parsed: ParsedMetrics, name: string, match: Record<string, string> = {}): number | null {
  const found = samplesOf(parsed, name, match);
  return found.length ? found.reduce((sum, s) => sum + s.value, 0) : null;
}
