import { consumerGroup, topics } from './topics';
import { isPromptTopic, promptConsumerGroup } from './topic-lanes';

describe('topic lanes', () => {
  it('puts requests, replies and the national broadcasts in the prompt lane, the application flow not', () => {
    for (const topic of [topics.registryRequests('44'), topics.receivingReplies('65'), topics.cardInvalidations(), topics.cardIssuances()])
      expect(isPromptTopic(topic)).toBe(true);
    for (const topic of [
      topics.registryApplications('44'),
      topics.registryCards('44'),
      topics.receivingDecisions('65'),
      topics.receivingShipments('65'),
      topics.productionOrders('44'),
      topics.registryVerifications('44'),
      'idcard.national.card-invalidations.dlq',
      'something-else',
    ])
      expect(isPromptTopic(topic)).toBe(false);
  });

  it('names the prompt group after the service group, so it stays under the same namespace and ACL', () => {
    expect(promptConsumerGroup('registry-office', '44')).toBe(`${consumerGroup('registry-office', '44')}-prompt`);
    expect(() => promptConsumerGroup('registry-office', '99')).toThrow(RangeError);
  });
});
