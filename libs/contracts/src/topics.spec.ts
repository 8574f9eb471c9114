import { consumerGroup, deadLetterTopic, topics } from './topics';

describe('topics', () => {
  // The names a deployment uses: no namespace (jest.setup.js sets one when suites share a real Kafka).
  const namespace = process.env.KAFKA_NAMESPACE;
  beforeEach(() => delete process.env.KAFKA_NAMESPACE);
  afterAll(() => {
    if (namespace !== undefined) process.env.KAFKA_NAMESPACE = namespace;
  });

  it('puts every topic and group behind KAFKA_NAMESPACE when one is set, for runs sharing a cluster', () => {
    process.env.KAFKA_NAMESPACE = 'test-abc';
    expect(topics.registryApplications('44')).toBe('test-abc.idcard.registry.44.applications');
    expect(topics.cardInvalidations()).toBe('test-abc.idcard.national.card-invalidations');
    expect(consumerGroup('registry-office', '44')).toBe('test-abc.idcard-registry-office-44');
  });

  it('address each flow to one province service', () => {
    expect(topics.registryApplications('44')).toBe('idcard.registry.44.applications');
    expect(topics.receivingDecisions('65')).toBe('idcard.receiving.65.decisions');
    expect(topics.productionOrders('44')).toBe('idcard.production.44.orders');
    expect(topics.receivingShipments('44')).toBe('idcard.receiving.44.shipments');
    expect(topics.registryCards('11')).toBe('idcard.registry.11.cards');
    expect(topics.cardInvalidations()).toBe('idcard.national.card-invalidations');
    expect(topics.registryRequests('44')).toBe('idcard.registry.44.requests');
    expect(topics.receivingReplies('65')).toBe('idcard.receiving.65.replies');
    expect(topics.cardIssuances()).toBe('idcard.national.card-issuances');
    expect(topics.registryVerifications('44')).toBe('idcard.registry.44.verifications');
  });

  it('park what cannot be applied on <topic>.dlq', () => {
    expect(deadLetterTopic(topics.registryApplications('44'))).toBe('idcard.registry.44.applications.dlq');
    expect(deadLetterTopic(topics.cardInvalidations())).toBe('idcard.national.card-invalidations.dlq');
  });

  it('name consumer groups by service and province', () => {
    expect(consumerGroup('registry-office', '44')).toBe('idcard-registry-office-44');
    expect(consumerGroup('production-center', '65')).toBe('idcard-production-center-65');
  });

  it('refuse a province that does not exist, which would make a topic nobody reads', () => {
    expect(() => topics.registryApplications('4')).toThrow('"4" is not a province code');
    expect(() => topics.productionOrders('99')).toThrow(RangeError);
    expect(() => consumerGroup('registry-office', '')).toThrow(RangeError);
  });
});
