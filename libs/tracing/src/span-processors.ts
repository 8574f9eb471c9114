import { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { maskIdentifiers } from '@idcard/contracts';
import { serviceOf, serviceSpanAttributes } from './service-context';

/** Gives every span started on behalf of a service (runAsService, asService) that service's name and province. */
export class ServiceAttributesProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const service = serviceOf(parentContext);
    if (service) span.setAttributes(serviceSpanAttributes(service));
  }
  onEnd(): void {}
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/**
 * Masks full citizen ID numbers in a span before it leaves, as the JSON logger does for log lines: they turn up in
 * URLs (`/register/citizens/<id>/cards`), in kafkajs's message-key attribute (the key is the ID number) and in error
 * messages. Runs as the span ends, while its attributes can still be set.
 */
export class MaskIdentifiersProcessor implements SpanProcessor {
  onStart(): void {}
  onEnding(span: Span): void {
    const name = maskIdentifiers(span.name);
    if (name !== span.name) span.updateName(name);
    for (const [key, value] of Object.entries(span.attributes)) {
      if (typeof value !== 'string') continue;
      const masked = maskIdentifiers(value);
      if (masked !== value) span.setAttribute(key, masked);
    }
    for (const event of span.events)
      for (const [key, value] of Object.entries(event.attributes ?? {}))
        if (typeof value === 'string') (event.attributes as Record<string, unknown>)[key] = maskIdentifiers(value);
    if (span.status.message) span.setStatus({ ...span.status, message: maskIdentifiers(span.status.message) });
  }
  onEnd(_span: ReadableSpan): void {}
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}
