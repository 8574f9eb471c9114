import { renderAsyncApiPage } from './asyncapi-page';

const document = {
  asyncapi: '3.0.0',
  info: { title: 'exchange', version: '1.0.0', description: 'first line\nsecond <b>line</b>' },
  channels: {
    orders: {
      address: 'idcard.production.{province}.orders',
      description: 'orders',
      parameters: { province: { description: 'the province' } },
      messages: { 'Ordered.v1': { $ref: '#/components/messages/Ordered.v1' } },
    },
  },
  operations: {
    'registry-office.sends.orders': {
      action: 'send',
      channel: { $ref: '#/channels/orders' },
      title: 'registry sends',
      'x-access-rights': [{ message: 'Ordered', topicProvince: 'payload.receivingProvince', mustBeAbsent: ['payload.forwardedFrom'], note: 'why' }],
    },
    'other.sends.elsewhere': { action: 'send', channel: { $ref: '#/channels/elsewhere' }, title: 'not on this channel' },
  },
  components: {
    messages: {
      'Ordered.v1': {
        summary: 'registry → centre',
        headers: { type: 'object', properties: { 'x-key-id': { type: 'string' } }, required: ['x-key-id'] },
        payload: {
          type: 'object',
          required: ['payload'],
          properties: {
            payload: {
              type: 'object',
              properties: {
                cards: { type: 'array', minItems: 1, items: { type: 'object', properties: { cardSerial: { type: 'string', pattern: '^[0-9A-Z]{10,20}$' } } } },
                reason: { type: 'string', enum: ['lost', 'replaced'], description: '<script>alert(1)</script>' },
              },
            },
          },
        },
      },
    },
  },
};

describe('the AsyncAPI page', () => {
  const page = renderAsyncApiPage(document);

  it('lists each channel with its operations and access rights, and each message with its nested schema', () => {
    expect(page).toContain('<code>idcard.production.{province}.orders</code>');
    expect(page).toContain('registry-office.sends.orders');
    expect(page).not.toContain('not on this channel');
    expect(page).toContain('absent: payload.forwardedFrom');
    expect(page).toContain('href="#message-Ordered.v1"');
    expect(page).toMatch(/<code>cardSerial<\/code> <span class="type">string<\/span> <span class="rule">pattern &quot;\^\[0-9A-Z\]\{10,20\}\$&quot;<\/span>/);
    expect(page).toContain('one of lost, replaced');
    expect(page).toMatch(/<code>x-key-id<\/code>[\s\S]*?<span class="required">required<\/span>/);
  });

  it('escapes every text of the document and carries no script or inline style (the pages CSP)', () => {
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('second &lt;b&gt;line&lt;/b&gt;');
    expect(page).not.toMatch(/<script|<style|style="/);
  });
});
