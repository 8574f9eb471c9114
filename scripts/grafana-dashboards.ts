import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { PROVINCE_CODES, PROVINCES, ProvinceCode } from '@idcard/contracts';
import { CONSUMER_STATUSES } from '@idcard/ops';

/**
 * `npm run --silent dashboards [-- --out deploy/grafana/dashboards]`: one Grafana dashboard per province, all from the
 * one template below, written as `province-<code>.json`. A province's operators load theirs (docker-compose.yml
 * provisions the folder); test/deployment/grafana.test.ts fails when the committed files and this template disagree
 * and when a query names a metric the services do not expose.
 *
 * One file per province rather than one dashboard with a province variable: each province runs its own Grafana
 * over its own Prometheus, and a dashboard pinned to its province cannot show another's services by a wrong choice.
 */

export const DASHBOARDS_DIR = 'deploy/grafana/dashboards';

/** The datasource docker-compose.yml provisions (deploy/grafana/provisioning/datasources). */
const DATASOURCE = { type: 'prometheus', uid: 'prometheus' } as const;

interface Target {
  expr: string;
  legendFormat: string;
}

interface Panel {
  title: string;
  description: string;
  type: 'timeseries' | 'state-timeline' | 'stat';
  unit: string;
  targets: Target[];
  /** Width in grid columns (of 24); height is 8 rows. */
  width: number;
  mappings?: unknown[];
  thresholds?: { color: string; value: number | null }[];
}

/** Burrow's severity index of a status (its position in CONSUMER_STATUSES), the colour an operator reads it by. */
const STATUS_COLOURS: Record<(typeof CONSUMER_STATUSES)[number], string> = {
  OK: 'green',
  WARNING: 'yellow',
  STOPPED: 'red',
  STALLED: 'orange',
  REWIND: 'purple',
};

/** A group's status as a number (its severity index), so a state timeline can colour it. */
function statusSeverity(selector: string): string {
  return (
    'max by (consumergroup) (' + CONSUMER_STATUSES.map((status, i) => `kafka_consumergroup_status{${selector},status="${status}"} * ${i}`).join(' or ') + ')'
  );
}

function panels(code: ProvinceCode): Panel[] {
  const p = `province="${code}"`;
  const rate = '[$__rate_interval]';
  return [
    {
      title: 'Consumer group status (Burrow)',
      description:
        'Every consumer group of the province’s services, its worst partition: OK, WARNING (lag never falls), STOPPED (nobody holds a partition with messages waiting), STALLED (a consumer holds it but does not move), REWIND (the committed offset went back).',
      type: 'state-timeline',
      unit: 'none',
      width: 24,
      targets: [{ expr: statusSeverity(p), legendFormat: '{{consumergroup}}' }],
      mappings: [
        {
          type: 'value',
          options: Object.fromEntries(CONSUMER_STATUSES.map((status, i) => [String(i), { text: status, color: STATUS_COLOURS[status], index: i }])),
        },
      ],
    },
    {
      title: 'Consumer lag (messages)',
      description: 'End offset minus committed offset, per group and topic (kafka_exporter’s kafka_consumergroup_lag).',
      type: 'timeseries',
      unit: 'short',
      width: 12,
      targets: [{ expr: `sum by (consumergroup, topic) (kafka_consumergroup_lag{${p}})`, legendFormat: '{{consumergroup}} {{topic}}' }],
    },
    {
      title: 'Consumer lag (seconds)',
      description: 'Age of the oldest message a group has not consumed, estimated from sampled end offsets (kafka-lag-exporter’s method).',
      type: 'timeseries',
      unit: 's',
      width: 12,
      targets: [{ expr: `max by (consumergroup) (kafka_consumergroup_lag_seconds{${p}})`, legendFormat: '{{consumergroup}}' }],
    },
    {
      title: 'Outbox backlog',
      description: 'Outbox rows not yet published to Kafka, per service.',
      type: 'timeseries',
      unit: 'short',
      width: 8,
      targets: [{ expr: `idcard_outbox_backlog_messages{${p}}`, legendFormat: '{{service}}' }],
    },
    {
      title: 'Oldest unsent outbox message',
      description: 'Age of the oldest outbox row not yet published; rising means the relay cannot reach Kafka.',
      type: 'timeseries',
      unit: 's',
      width: 8,
      targets: [{ expr: `idcard_outbox_oldest_message_age_seconds{${p}}`, legendFormat: '{{service}}' }],
    },
    {
      title: 'Dead letters',
      description: 'Messages parked on a dead-letter topic, by service, topic and reason (npm run ops -- dlq list).',
      type: 'timeseries',
      unit: 'short',
      width: 8,
      targets: [
        {
          expr: `sum by (service, topic, reason) (increase(idcard_dead_lettered_messages_total{${p}}${rate}))`,
          legendFormat: '{{service}} {{topic}}: {{reason}}',
        },
      ],
    },
    {
      title: '60-day deadlines',
      description: 'Applications received in this province whose 60-day limit is at risk (warned, not met) or breached (receiving office).',
      type: 'timeseries',
      unit: 'short',
      width: 12,
      targets: [
        { expr: `sum(idcard_deadlines_at_risk{${p}})`, legendFormat: 'at risk' },
        { expr: `sum(idcard_deadlines_breached{${p}})`, legendFormat: 'breached' },
      ],
    },
    {
      title: 'Readiness',
      description: 'What /health/ready answers, by service and part: 1 up, 0 down.',
      type: 'state-timeline',
      unit: 'none',
      width: 12,
      targets: [{ expr: `min by (service, part) (idcard_ready{${p}})`, legendFormat: '{{service}} {{part}}' }],
      mappings: [
        {
          type: 'value',
          options: { '0': { text: 'down', color: 'red', index: 0 }, '1': { text: 'up', color: 'green', index: 1 } },
        },
      ],
    },
    {
      title: 'HTTP latency (99th and 50th percentile)',
      description: 'Request durations by service, from the http_request_duration_seconds histogram.',
      type: 'timeseries',
      unit: 's',
      width: 12,
      targets: [
        { expr: `histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket{${p}}${rate})))`, legendFormat: '{{service}} p99' },
        { expr: `histogram_quantile(0.5, sum by (le, service) (rate(http_request_duration_seconds_bucket{${p}}${rate})))`, legendFormat: '{{service}} p50' },
      ],
    },
    {
      title: 'HTTP requests by status',
      description: 'Requests per second by service and status code.',
      type: 'timeseries',
      unit: 'reqps',
      width: 12,
      targets: [{ expr: `sum by (service, status) (rate(http_request_duration_seconds_count{${p}}${rate}))`, legendFormat: '{{service}} {{status}}' }],
    },
    {
      title: 'Messages refused at receipt',
      description: 'Messages refused by the signature and trust-list checks, by reason.',
      type: 'timeseries',
      unit: 'short',
      width: 12,
      targets: [{ expr: `sum by (service, reason) (increase(idcard_rejected_messages_total{${p}}${rate}))`, legendFormat: '{{service}}: {{reason}}' }],
    },
    {
      title: 'Trust list: time to its next update',
      description: 'Time left before the trust list in force must be replaced; past it every incoming message is refused.',
      type: 'stat',
      unit: 's',
      width: 12,
      targets: [
        { expr: `min by (service) (idcard_trust_list_next_update_timestamp_seconds{${p}}) - time()`, legendFormat: '{{service}}' },
        { expr: `max by (service) (idcard_trust_list_version{${p}})`, legendFormat: '{{service}} version' },
      ],
      thresholds: [
        { color: 'red', value: null },
        { color: 'yellow', value: 86_400 },
        { color: 'green', value: 7 * 86_400 },
      ],
    },
  ];
}

/** Grafana's dashboard JSON (schema 39) for one province. */
export function provinceDashboard(code: ProvinceCode): Record<string, unknown> {
  let x = 0;
  let y = 0;
  const laidOut = panels(code).map((panel, id) => {
    if (x + panel.width > 24) [x, y] = [0, y + 8];
    const gridPos = { h: 8, w: panel.width, x, y };
    x += panel.width;
    return {
      id: id + 1,
      type: panel.type,
      title: panel.title,
      description: panel.description,
      datasource: DATASOURCE,
      gridPos,
      fieldConfig: {
        defaults: {
          unit: panel.unit,
          ...(panel.mappings ? { mappings: panel.mappings } : {}),
          ...(panel.thresholds ? { thresholds: { mode: 'absolute', steps: panel.thresholds } } : {}),
        },
        overrides: [],
      },
      options:
        panel.type === 'stat'
          ? { reduceOptions: { calcs: ['lastNotNull'] }, textMode: 'value_and_name' }
          : { legend: { displayMode: 'list', placement: 'bottom' } },
      targets: panel.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), datasource: DATASOURCE, expr: t.expr, legendFormat: t.legendFormat })),
    };
  });
  const { en, zh } = PROVINCES[code];
  return {
    uid: `idcard-province-${code}`,
    title: `ID card exchange — ${code} ${en} (${zh})`,
    description: `Consumer lag and status, outbox, dead letters, deadlines, readiness and HTTP latency of province ${code}'s three services. Generated by scripts/grafana-dashboards.ts: edit the template, not this file.`,
    tags: ['idcard', `province-${code}`],
    timezone: 'Asia/Shanghai',
    schemaVersion: 39,
    version: 1,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [] },
    annotations: { list: [] },
    panels: laidOut,
  };
}

/** Every PromQL expression of a dashboard (rows' nested panels included), with the title of its panel. */
export function dashboardExpressions(dashboard: unknown): { where: string; expr: string }[] {
  type PanelJson = { title?: string; targets?: { expr?: unknown }[]; panels?: PanelJson[] };
  const walk = (panels: PanelJson[] = []): { where: string; expr: string }[] =>
    panels.flatMap((panel) => [
      ...(panel.targets ?? []).flatMap((t) => (typeof t.expr === 'string' ? [{ where: panel.title ?? '(untitled panel)', expr: t.expr }] : [])),
      ...walk(panel.panels),
    ]);
  return walk((dashboard as { panels?: PanelJson[] }).panels);
}

/** The file name and text of every province's dashboard, as committed. */
export function allDashboards(): { file: string; text: string }[] {
  return PROVINCE_CODES.map((code) => ({ file: `province-${code}.json`, text: JSON.stringify(provinceDashboard(code), null, 2) + '\n' }));
}

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string', default: DASHBOARDS_DIR } } });
  const out = path.resolve(values.out!);
  mkdirSync(out, { recursive: true });
  for (const { file, text } of allDashboards()) writeFileSync(path.join(out, file), text);
  console.log(`${PROVINCE_CODES.length} dashboards written to ${path.relative(process.cwd(), out) || '.'}`);
}

if (require.main === module) main();
