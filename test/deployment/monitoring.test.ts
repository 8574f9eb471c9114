import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parsePrometheusText, seriesNamesOf, unknownMetrics } from '@idcard/ops';
import { ServiceUnderTest } from '@idcard/testing';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../../apps/receiving-office/src';
import { allDashboards, DASHBOARDS_DIR, dashboardExpressions } from '../../scripts/grafana-dashboards';

const root = path.resolve(__dirname, '../..');
const prometheusDir = path.join(root, 'deploy/prometheus');

/** Runs promtool (Debian's `prometheus` package; .ci/run installs it); its output, or why it failed. */
function promtool(args: string[]): string {
  try {
    return execFileSync('promtool', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { code?: string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('promtool is not installed: apt-get install prometheus', { cause: err });
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
  }
}

/** The rule files promtool checks: every *.yml directly in deploy/prometheus. */
const ruleFiles = () =>
  readdirSync(prometheusDir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => path.join('deploy/prometheus', f));

/** Each rule's alert name and its one-line `expr:` (rules.yml keeps every expression on one line, which this relies on). */
function ruleExpressions(file: string): { where: string; expr: string }[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/- alert: (\S+)\n\s+expr: (.+)\n/g)].map((m) => ({ where: m[1], expr: m[2].trim() }));
}

describe('deploy/prometheus', () => {
  it('has rules promtool accepts', () => {
    const files = ruleFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(promtool(['check', 'rules', ...files])).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('has a scrape configuration promtool accepts, loading those rule files', () => {
    expect(promtool(['check', 'config', 'deploy/prometheus/config/prometheus.yml'])).toMatch(/SUCCESS: .*prometheus\.yml is valid/);
  });

  it('passes its rule unit tests (promtool test rules)', () => {
    const tests = readdirSync(path.join(prometheusDir, 'tests'))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => path.join('deploy/prometheus/tests', f));
    expect(tests.length).toBeGreaterThan(0);
    expect(promtool(['test', 'rules', ...tests])).toMatch(/SUCCESS/);
  });

  it('gives every rule a summary and a one-line runbook', () => {
    for (const file of ruleFiles()) {
      const text = readFileSync(path.join(root, file), 'utf8');
      const rules = text.split(/\n\s+- alert: /).slice(1);
      expect(rules.length).toBe(Number(/SUCCESS: (\d+) rules found/.exec(promtool(['check', 'rules', file]))![1]));
      for (const rule of rules) {
        expect(rule).toMatch(/\n\s+summary: .+/);
        expect(rule).toMatch(/\n\s+runbook: .+/);
      }
    }
  });
});

describe('deploy/grafana', () => {
  it('holds a dashboard per province, exactly what scripts/grafana-dashboards.ts makes today (npm run dashboards)', () => {
    const committed = readdirSync(path.join(root, DASHBOARDS_DIR)).sort();
    const generated = allDashboards();
    expect(committed).toEqual(generated.map((d) => d.file).sort());
    expect(committed).toHaveLength(31);
    for (const { file, text } of generated) expect(readFileSync(path.join(root, DASHBOARDS_DIR, file), 'utf8')).toBe(text);
  });

  it('has dashboards that parse, each pinned to its province, with a panel for lag, status, outbox, deadlines and HTTP latency', () => {
    for (const file of readdirSync(path.join(root, DASHBOARDS_DIR))) {
      const code = /^province-(\d\d)\.json$/.exec(file)![1];
      const dashboard = JSON.parse(readFileSync(path.join(root, DASHBOARDS_DIR, file), 'utf8'));
      expect(dashboard.uid).toBe(`idcard-province-${code}`);
      const expressions = dashboardExpressions(dashboard);
      expect(expressions.every((e) => e.expr.includes(`province="${code}"`))).toBe(true);
      const metrics = expressions.map((e) => e.expr).join('\n');
      for (const needed of [
        'kafka_consumergroup_lag',
        'kafka_consumergroup_status',
        'idcard_outbox_',
        'idcard_deadlines_',
        'http_request_duration_seconds_bucket',
      ])
        expect(metrics).toContain(needed);
    }
  });
});

/**
 * The metrics the dashboards and rules name must be ones the services expose: read from a real receiving office's
 * /metrics (the service with the most: its deadlines besides what every service has), families with no sample yet
 * included, so a typo or a renamed metric fails here instead of showing an empty panel in production.
 */
describe('metric names in deploy/ against a running service’s /metrics', () => {
  let office: ServiceUnderTest;
  let exposed: Set<string>;
  /** Series Prometheus makes itself for every target. */
  const prometheusOwn = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'];

  beforeAll(async () => {
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: '44',
      start: (config) => startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0' }) }),
    });
    const res = await fetch(`${office.url}/metrics`);
    expect(res.status).toBe(200);
    const families = parsePrometheusText(await res.text()).families;
    exposed = new Set([...families.values()].flatMap(seriesNamesOf));
  }, 180_000);

  afterAll(async () => {
    await office?.stop();
  }, 60_000);

  it('exposes what the material is built on', () => {
    for (const name of [
      'kafka_consumergroup_status',
      'kafka_consumergroup_group_lag_seconds',
      'idcard_ready',
      'idcard_deadlines_at_risk',
      'http_request_duration_seconds_bucket',
    ])
      expect(exposed).toContain(name);
  });

  it('finds every metric of every dashboard among them', () => {
    for (const { file } of allDashboards()) {
      const dashboard = JSON.parse(readFileSync(path.join(root, DASHBOARDS_DIR, file), 'utf8'));
      expect({ file, unknown: unknownMetrics(dashboardExpressions(dashboard), exposed) }).toEqual({ file, unknown: [] });
    }
  });

  it('finds every metric of every alert rule among them (and Prometheus’s own `up`)', () => {
    const known = new Set([...exposed, ...prometheusOwn]);
    for (const file of ruleFiles()) {
      const expressions = ruleExpressions(file);
      expect(expressions.length).toBe(Number(/SUCCESS: (\d+) rules found/.exec(promtool(['check', 'rules', file]))![1]));
      expect({ file, unknown: unknownMetrics(expressions, known) }).toEqual({ file, unknown: [] });
    }
  });

  it('refuses a dashboard that names a metric nobody exposes (the fixture misspells one, in a panel and not in a row)', () => {
    const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/dashboard-unknown-metric.json'), 'utf8'));
    const expressions = dashboardExpressions(fixture);
    expect(expressions.map((e) => e.where)).toEqual(['Outbox backlog', 'Consumer lag']);
    expect(unknownMetrics(expressions, exposed)).toEqual([
      { where: 'Outbox backlog', expr: 'idcard_outbox_backlog_mesages{province="44"}', metric: 'idcard_outbox_backlog_mesages' },
    ]);
  });
});
