import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { ACCESS_RULES, CONSUMED_TOPICS } from '../access-rights';
import { MESSAGE_SCHEMAS, MessageTypeName } from '../message-types';
import { TOPIC_ADDRESSES } from '../topics';
import { asyncApiDocument, messageKey } from './asyncapi-document';
import { brokenSchema } from './fixtures/broken-schema';

/** The parser's findings of error severity, one line each: the check the test command makes. */
async function errorsOf(document: object): Promise<string[]> {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document));
  return diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.path.join('/')}: ${d.message}`);
}

describe('the AsyncAPI document of libs/contracts', () => {
  const document = asyncApiDocument();

  it('is valid AsyncAPI 3.0: @asyncapi/parser finds no error', async () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(await errorsOf(document)).toEqual([]);
  }, 30_000);

  it('fails the same check with a deliberately broken schema (fixtures/broken-schema.ts)', async () => {
    const errors = await errorsOf(brokenSchema(document));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/components\/messages\/ApplicationSubmitted\.v1\/payload/);
  }, 30_000);

  it('has a channel per topic, with the province as a parameter of the province-addressed ones', () => {
    expect(Object.keys(document.channels)).toEqual(Object.keys(TOPIC_ADDRESSES));
    expect(document.channels.registryApplications).toMatchObject({
      address: 'idcard.registry.{province}.applications',
      parameters: { province: { enum: expect.arrayContaining(['11', '44', '65']) } },
    });
    expect(document.channels.cardInvalidations.address).toBe('idcard.national.card-invalidations');
    expect(document.channels.cardInvalidations.parameters).toBeUndefined();
  });

  it('has a message per type and schema version, the envelope with its payload schema from the class-validator rules', () => {
    const keys = (Object.keys(MESSAGE_SCHEMAS) as MessageTypeName[]).flatMap((t) => Object.keys(MESSAGE_SCHEMAS[t]).map((v) => messageKey(t, Number(v))));
    expect(Object.keys(document.components.messages)).toEqual(keys);
    const submitted = document.components.messages['ApplicationSubmitted.v1'];
    expect(submitted).toMatchObject({ name: 'ApplicationSubmitted', 'x-schema-version': 1 });
    const envelope = submitted.payload as any;
    expect(envelope.required).toEqual(['messageId', 'type', 'schemaVersion', 'occurredAt', 'source', 'correlationId', 'payload']);
    expect(envelope.properties.type.const).toBe('ApplicationSubmitted');
    expect(envelope.properties.schemaVersion.const).toBe(1);
    const payload = envelope.properties.payload;
    // Nested classes inlined, required as the validator requires, optional ones not.
    expect(payload.properties.citizen.properties.idNumber).toMatchObject({ type: 'string', pattern: '^[0-9]{17}[0-9Xx]$' });
    expect(payload.properties.fingerprints.properties.templates).toMatchObject({ type: 'array', minItems: 2, maxItems: 2 });
    expect(payload.required).toContain('receiptNumber');
    expect(payload.required).not.toContain('lossReportedAtCounter');
    // A rule that decides itself when the field may be absent (a refusal only beside a refused outcome) is not required.
    const answered = (document.components.messages['LossReportAnswered.v1'].payload as any).properties.payload;
    expect(answered.properties.refusal.enum).toEqual(['not-in-register', 'not-current-card', 'already-lost']);
    expect(answered.required).not.toContain('refusal');
    expect(submitted.headers).toMatchObject({ required: ['message-type', 'message-id', 'x-signature', 'x-key-id'] });
  });

  it('has a send operation per sender and topic carrying its access rights, and a receive operation per reader', () => {
    const sends = Object.entries(document.operations).filter(([, op]) => op.action === 'send');
    const rights = sends.flatMap(([, op]) => op['x-access-rights'] as { message: string; sender: string }[]);
    expect(rights).toHaveLength(ACCESS_RULES.length);
    expect(document.operations['registry-office.sends.productionOrders']).toMatchObject({
      channel: { $ref: '#/channels/productionOrders' },
      messages: [{ $ref: '#/channels/productionOrders/messages/ProductionOrdered.v1' }],
      'x-access-rights': [{ message: 'ProductionOrdered', sender: 'registry-office', mustBeAbsent: ['payload.forwardedFrom'] }],
    });
    const reads = Object.keys(document.operations).filter((id) => document.operations[id].action === 'receive');
    expect(reads.sort()).toEqual(
      Object.entries(CONSUMED_TOPICS)
        .flatMap(([service, builders]) => builders.map((b) => `${service}.reads.${b}`))
        .sort(),
    );
  });

  it('is the same whatever KAFKA_NAMESPACE says', () => {
    const before = process.env.KAFKA_NAMESPACE;
    process.env.KAFKA_NAMESPACE = 'elsewhere';
    try {
      expect(asyncApiDocument()).toEqual(document);
    } finally {
      if (before === undefined) delete process.env.KAFKA_NAMESPACE;
      else process.env.KAFKA_NAMESPACE = before;
    }
  });
});
