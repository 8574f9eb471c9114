import { asyncApiDocument, AsyncApiDocument } from './asyncapi-document';
import { breakingChanges } from './compatibility';

type Schema = { type?: unknown; properties: Record<string, Schema>; required?: string[]; description?: string };

/** A copy of the document to change, and the payload schema of one of its messages. */
function changed(edit: (payloadOf: (key: string) => Schema, document: AsyncApiDocument) => void): AsyncApiDocument {
  const copy = JSON.parse(JSON.stringify(asyncApiDocument())) as AsyncApiDocument;
  edit((key) => (copy.components.messages[key].payload as unknown as Schema).properties.payload, copy);
  return copy;
}

/** @asyncapi/diff under the project's rule: what may change in a message schema version already released. */
describe('compatibility of a released contract', () => {
  const released = JSON.parse(JSON.stringify(asyncApiDocument())) as AsyncApiDocument;

  it('passes the same document', () => {
    expect(breakingChanges(released, asyncApiDocument())).toEqual([]);
  });

  it('passes an optional field added to a released payload (readers drop fields they do not know)', () => {
    const current = changed((payloadOf) => {
      payloadOf('CardProduced.v1').properties.batchNumber = { type: 'string', properties: {} };
      payloadOf('ApplicationSubmitted.v1').properties.citizen.properties.formerName = { type: 'string', properties: {} };
    });
    expect(breakingChanges(released, current)).toEqual([]);
  });

  it('passes a new message version beside the released one, and a reworded description', () => {
    const current = changed((payloadOf, document) => {
      document.components.messages['CardProduced.v2'] = { ...document.components.messages['CardProduced.v1'], 'x-schema-version': 2 };
      payloadOf('CardProduced.v1').properties.cardSerial.description = 'the serial on the chip side';
      document.info.description = 'reworded';
    });
    expect(breakingChanges(released, current)).toEqual([]);
  });

  it('fails a required field added to a released payload', () => {
    const current = changed((payloadOf) => {
      const payload = payloadOf('CardProduced.v1');
      payload.properties.batchNumber = { type: 'string', properties: {} };
      payload.required!.push('batchNumber');
    });
    expect(breakingChanges(released, current)).toEqual([expect.objectContaining({ message: 'CardProduced.v1', action: 'add', type: 'breaking' })]);
  });

  it("fails a field's type changed, deep in a nested class", () => {
    const current = changed((payloadOf) => {
      payloadOf('ApplicationSubmitted.v1').properties.photo.properties.widthPx.type = 'string';
    });
    expect(breakingChanges(released, current)).toEqual([
      expect.objectContaining({
        message: 'ApplicationSubmitted.v1',
        path: '/components/messages/ApplicationSubmitted.v1/payload/properties/payload/properties/photo/properties/widthPx/type',
        type: 'breaking',
      }),
    ]);
  });

  it('fails a field removed, an enum narrowed, and a released message version dropped', () => {
    const current = changed((payloadOf, document) => {
      delete payloadOf('LossReported.v1').properties.reportedBy;
      (payloadOf('CardInvalidated.v1').properties.reason as unknown as { enum: string[] }).enum.pop();
      delete document.components.messages['CardIssued.v1'];
    });
    const messages = breakingChanges(released, current).map((c) => c.message);
    expect(new Set(messages)).toEqual(new Set(['LossReported.v1', 'CardInvalidated.v1', 'CardIssued.v1']));
  });

  it('does not hold a message the release did not have to the rule', () => {
    const withNew = changed((_, document) => {
      document.components.messages['CardProduced.v2'] = { ...document.components.messages['CardProduced.v1'], 'x-schema-version': 2 };
    });
    const current = JSON.parse(JSON.stringify(withNew)) as AsyncApiDocument;
    (current.components.messages['CardProduced.v2'].payload as unknown as Schema).properties.payload.required!.push('batchNumber');
    expect(breakingChanges(released, current)).toEqual([]);
  });
});
