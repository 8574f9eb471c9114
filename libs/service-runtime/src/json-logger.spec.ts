import { JsonLogger, maskIdentifiers } from './json-logger';

describe('structured logs', () => {
  const capture = (levels = ['log', 'warn', 'error']) => {
    const lines: Record<string, unknown>[] = [];
    const logger = new JsonLogger({ service: 'registry-office', province: '44' }, new Set(levels), (l) => lines.push(JSON.parse(l)));
    return { logger, lines };
  };

  it('writes one JSON object per line with the service, the context and the logged fields', () => {
    const { logger, lines } = capture();
    logger.log({ event: 'application.signed-off', receipt: 'R65-20261122-000001' }, 'DecisionsService');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'log',
        service: 'registry-office',
        province: '44',
        context: 'DecisionsService',
        event: 'application.signed-off',
        receipt: 'R65-20261122-000001',
      }),
    ]);
  });

  it('masks any full citizen ID number that slips into a line', () => {
    const { logger, lines } = capture();
    logger.warn('lookup failed for 11010519491231002X', 'Register');
    expect(JSON.stringify(lines)).not.toContain('11010519491231002X');
    expect(lines[0].message).toBe('lookup failed for 110105***********X');
    expect(maskIdentifiers('44010619900101001 3')).toBe('44010619900101001 3'); // 17 digits: not an ID number
  });

  it("keeps Nest's start-up chatter out of the operator's log", () => {
    const { logger, lines } = capture();
    logger.log('RegistryOfficeModule dependencies initialized', 'InstanceLoader');
    logger.log('listening', 'Bootstrap');
    expect(lines.map((l) => l.message)).toEqual(['listening']);
  });
});

describe('structured logs and traces', () => {
  it('carry the trace and span id of the span they were written in, and none outside a span', async () => {
    const { InMemorySpanExporter } = await import('@opentelemetry/sdk-trace-base');
    const { projectTracer, startTracing } = await import('@idcard/tracing');
    const tracing = startTracing({ serviceName: 'registry-office-44', exporter: new InMemorySpanExporter(), exportEachSpan: true });
    try {
      const lines: Record<string, unknown>[] = [];
      const logger = new JsonLogger({ service: 'registry-office', province: '44' }, new Set(['log']), (l) => lines.push(JSON.parse(l)));
      logger.log({ event: 'outside' });
      const ids = projectTracer().startActiveSpan('review', (span) => {
        logger.log({ event: 'inside' });
        span.end();
        return span.spanContext();
      });
      expect(lines[0]).not.toHaveProperty('traceId');
      expect(lines[1]).toMatchObject({ event: 'inside', traceId: ids.traceId, spanId: ids.spanId });
    } finally {
      await tracing.shutdown();
    }
  });
});
