import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { MetricsRoute } from '../access/access.decorators';
import { ServiceMetrics } from './service-metrics';

/** Prometheus scrape endpoint of this service instance. */
@ApiTags('operations')
@Controller('metrics')
@MetricsRoute()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus metrics: consumer lag (kafka_exporter names), lag seconds, group status, outbox, dead letters, deadlines, HTTP' })
  scrape(): Promise<string> {
    return this.metrics.exposition();
  }
}
