import { Context, context, createContextKey } from '@opentelemetry/api';

/** Which service of which province a span belongs to. */
export interface TracedService {
  service: string;
  province: string;
}

/**
 * Span attributes naming the service and province: in the single-process mode (npm start) every service of every
 * province shares one tracer provider, so its resource cannot say which service a span is of; these attributes do.
 */
export const SERVICE_SPAN_ATTRIBUTES = { service: 'idcard.service', province: 'idcard.province' } as const;

const SERVICE = createContextKey('idcard.traced-service');

/** `ctx`, marked as running on behalf of `service`: spans started under it are given the service's attributes. */
export function asService(ctx: Context, service: TracedService): Context {
  return ctx.setValue(SERVICE, service);
}

export function serviceOf(ctx: Context): TracedService | undefined {
  return ctx.getValue(SERVICE) as TracedService | undefined;
}

/** Runs `fn` on behalf of `service` (a relay loop, a consumer, a request): what it starts carries the service's name. */
export function runAsService<T>(service: TracedService, fn: () => T): T {
  return context.with(asService(context.active(), service), fn);
}

export function serviceSpanAttributes({ service, province }: TracedService): Record<string, string> {
  return { [SERVICE_SPAN_ATTRIBUTES.service]: service, [SERVICE_SPAN_ATTRIBUTES.province]: province };
}
