import { metricNamesIn, seriesNamesOf, unknownMetrics } from './promql-metric-names';

describe('metric names in PromQL', () => {
  it('finds the selected metrics and leaves functions, aggregations and their grouping labels out', () => {
    expect(
      metricNamesIn('histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket{province="44"}[$__rate_interval])))'),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(metricNamesIn('max by (consumergroup, service, province) (kafka_consumergroup_status{status="STOPPED"}) == 1')).toEqual([
      'kafka_consumergroup_status',
    ]);
  });

  it('ignores label values, durations, numbers and keywords, and sees both sides of a binary operator', () => {
    expect(metricNamesIn('idcard_trust_list_next_update_timestamp_seconds - time() < 7 * 86400')).toEqual(['idcard_trust_list_next_update_timestamp_seconds']);
    expect(metricNamesIn('a_total{reason="not JSON or bool"} offset 5m and on (service) group_left (x) b_seconds > 1e3')).toEqual(['a_total', 'b_seconds']);
    expect(metricNamesIn('max by (g) (s{status="OK"} * 0 or s{status="WARNING"} * 1) unless up == bool 0')).toEqual(['s', 'up']);
    expect(metricNamesIn('sum(rate(x_count[5m:30s])) by (service)')).toEqual(['x_count']);
  });

  it('names the series of a histogram or summary family', () => {
    expect(seriesNamesOf({ name: 'http_request_duration_seconds', type: 'histogram' })).toEqual([
      'http_request_duration_seconds_bucket',
      'http_request_duration_seconds_sum',
      'http_request_duration_seconds_count',
    ]);
    expect(seriesNamesOf({ name: 'idcard_ready', type: 'gauge' })).toEqual(['idcard_ready']);
  });

  it('reports a metric nobody exposes, with where it was asked for', () => {
    const known = new Set(['idcard_outbox_backlog_messages']);
    expect(unknownMetrics([{ where: 'Outbox backlog', expr: 'idcard_outbox_backlog_mesages{province="44"}' }], known)).toEqual([
      { where: 'Outbox backlog', expr: 'idcard_outbox_backlog_mesages{province="44"}', metric: 'idcard_outbox_backlog_mesages' },
    ]);
    expect(unknownMetrics([{ where: 'Outbox backlog', expr: 'idcard_outbox_backlog_messages{province="44"}' }], known)).toEqual([]);
  });
});
