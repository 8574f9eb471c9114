import { Attributes, SpanKind } from '@opentelemetry/api';
import { AlwaysOnSampler, ParentBasedSampler, Sampler, SamplingDecision, SamplingResult } from '@opentelemetry/sdk-trace-base';

/**
 * Which new traces to keep: all but kafkajs's "poll <topic>" span, which its instrumentation starts as a trace of its
 * own for every fetched batch (the inbox makes one consumer span per message, in the trace of the message instead).
 */
class RootSampler implements Sampler {
  shouldSample(_context: unknown, _traceId: string, _name: string, kind: SpanKind, attributes: Attributes): SamplingResult {
    const kafkaPoll = kind === SpanKind.CLIENT && attributes['messaging.system'] === 'kafka' && attributes['messaging.operation.type'] === 'receive';
    return { decision: kafkaPoll ? SamplingDecision.NOT_RECORD : SamplingDecision.RECORD_AND_SAMPLED };
  }
  toString(): string {
    return 'RootSampler{all but kafkajs batch polls}';
  }
}

/** Children follow their parent's decision; roots are kept unless they are kafkajs batch polls. */
export function projectSampler(): Sampler {
  return new ParentBasedSampler({ root: new RootSampler(), remoteParentSampled: new AlwaysOnSampler() });
}
