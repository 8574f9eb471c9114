import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { parsePrometheusText, samplesOf, sumOf } from './prometheus-text';

describe('Prometheus text format', () => {
  it('reads what prom-client writes, escapes included', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'registry-office' });
    new Gauge({ name: 'kafka_consumergroup_lag', help: 'lag', labelNames: ['consumergroup', 'topic', 'partition'], registers: [registry] }).set(
      { consumergroup: 'g', topic: 't', partition: '0' },
      7,
    );
    new Counter({ name: 'dead_total', help: 'with "quotes" and \\ backslash', labelNames: ['reason'], registers: [registry] }).inc(
      { reason: 'a "b" \\ c\nd' },
      2,
    );
    new Histogram({ name: 'h_seconds', help: 'h', buckets: [1], registers: [registry] }).observe(0.5);
    const parsed = parsePrometheusText(await registry.metrics());
    expect(samplesOf(parsed, 'kafka_consumergroup_lag')).toEqual([
      { name: 'kafka_consumergroup_lag', labels: { consumergroup: 'g', topic: 't', partition: '0', service: 'registry-office' }, value: 7 },
    ]);
    expect(samplesOf(parsed, 'dead_total')[0].labels.reason).toBe('a "b" \\ c\nd');
    expect(parsed.families.get('h_seconds')?.type).toBe('histogram');
    expect(sumOf(parsed, 'h_seconds_bucket', { le: '+Inf' })).toBe(1);
    expect(sumOf(parsed, 'nothing')).toBeNull();
  });

  it('reads NaN and infinities in any case, as Prometheus does', () => {
    const parsed = parsePrometheusText('a Nan\nb NaN\nc +Inf\nd -inf 1700000000000\n');
    expect(parsed.samples.map((s) => s.value)).toEqual([NaN, NaN, Infinity, -Infinity]);
  });

  it('says which line it cannot read', () => {
    expect(() => parsePrometheusText('ok 1\nbad{x="1" 2\n')).toThrow('line 2');
  });
});
