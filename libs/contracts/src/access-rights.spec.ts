import { ACCESS_RULES, accessRulesFor, isAllowed, topicAddress } from './access-rights';
import { MessageType } from './message-types';
import { topics } from './topics';

// Each case replays a send as the services make it (apps/*/src, every outbox.add), then bends one thing.
describe('access rights', () => {
  const namespace = process.env.KAFKA_NAMESPACE;
  afterEach(() => {
    if (namespace === undefined) delete process.env.KAFKA_NAMESPACE;
    else process.env.KAFKA_NAMESPACE = namespace;
  });

  const office44 = { service: 'receiving-office', province: '44' } as const;
  const office45 = { service: 'receiving-office', province: '45' } as const;
  const registry11 = { service: 'registry-office', province: '11' } as const;
  const centre44 = { service: 'production-center', province: '44' } as const;
  const centre54 = { service: 'production-center', province: '54' } as const;
  const receipt = 'R44-20261122-000001';

  it('has a rule for every message type, each naming a real topic builder', () => {
    for (const type of Object.values(MessageType)) expect(ACCESS_RULES.some((r) => r.type === type)).toBe(true);
    for (const rule of ACCESS_RULES) expect(typeof topics[rule.topic.builder]).toBe('function');
  });

  it('lets a receiving office submit its own applications, to the home registry they name only', () => {
    const submitted = { receiptNumber: receipt, homeProvince: '11', receivingProvince: '44' };
    expect(isAllowed(office44, MessageType.ApplicationSubmitted, topics.registryApplications('11'), submitted)).toBe(true);
    expect(isAllowed(office44, MessageType.ApplicationSubmitted, topics.registryApplications('12'), submitted)).toBe(false);
    expect(isAllowed(office44, MessageType.ApplicationSubmitted, topics.registryCards('11'), submitted)).toBe(false);
    expect(isAllowed(office45, MessageType.ApplicationSubmitted, topics.registryApplications('11'), submitted)).toBe(false);
    expect(isAllowed(registry11, MessageType.ApplicationSubmitted, topics.registryApplications('11'), submitted)).toBe(false);
  });

  it('lets only a registry sign off or reject, and only to the receiving office in the receipt', () => {
    const signedOff = { receiptNumber: receipt, productionProvince: '44', reviewedBy: 'automatic', signedOffAt: '2026-11-22T08:00:00Z' };
    expect(isAllowed(registry11, MessageType.ApplicationSignedOff, topics.receivingDecisions('44'), signedOff)).toBe(true);
    expect(isAllowed(registry11, MessageType.ApplicationRejected, topics.receivingDecisions('44'), { receiptNumber: receipt })).toBe(true);
    expect(isAllowed(registry11, MessageType.ApplicationSignedOff, topics.receivingDecisions('45'), signedOff)).toBe(false);
    expect(isAllowed(office44, MessageType.ApplicationSignedOff, topics.receivingDecisions('44'), signedOff)).toBe(false);
    expect(isAllowed(centre44, MessageType.ApplicationRejected, topics.receivingDecisions('44'), { receiptNumber: receipt })).toBe(false);
  });

  it("lets the home registry order production from the receiving province's centre, never as a forwarded order", () => {
    const order = { receiptNumber: receipt, homeProvince: '11', receivingProvince: '44', receivingOfficeCode: '44010601' };
    expect(isAllowed(registry11, MessageType.ProductionOrdered, topics.productionOrders('44'), order)).toBe(true);
    expect(isAllowed(registry11, MessageType.ProductionOrdered, topics.productionOrders('45'), order)).toBe(false);
    expect(isAllowed({ ...registry11, province: '12' }, MessageType.ProductionOrdered, topics.productionOrders('44'), order)).toBe(false);
    expect(isAllowed(registry11, MessageType.ProductionOrdered, topics.productionOrders('44'), { ...order, forwardedFrom: '44' })).toBe(false);
  });

  it("lets the receiving province's centre forward an order once, to another centre, saying so", () => {
    const forwarded = { receiptNumber: receipt, homeProvince: '11', receivingProvince: '44', forwardedFrom: '44' };
    expect(isAllowed(centre44, MessageType.ProductionOrdered, topics.productionOrders('54'), forwarded)).toBe(true);
    expect(isAllowed(centre44, MessageType.ProductionOrdered, topics.productionOrders('44'), forwarded)).toBe(false);
    expect(isAllowed(centre44, MessageType.ProductionOrdered, topics.productionOrders('54'), { ...forwarded, forwardedFrom: '45' })).toBe(false);
    expect(isAllowed(centre54, MessageType.ProductionOrdered, topics.productionOrders('65'), { ...forwarded, forwardedFrom: '54' })).toBe(false);
  });

  it('lets only a production centre report a card, under its own name, to a registry', () => {
    const card = { receiptNumber: receipt, cardSerial: 'X', idNumber: 'X', producedBy: '54' };
    expect(isAllowed(centre54, MessageType.CardProduced, topics.registryCards('11'), card)).toBe(true);
    expect(isAllowed(centre44, MessageType.CardProduced, topics.registryCards('11'), card)).toBe(false);
    expect(isAllowed(centre54, MessageType.CardProduced, topics.registryApplications('11'), card)).toBe(false);
    expect(isAllowed(registry11, MessageType.CardProduced, topics.registryCards('11'), { ...card, producedBy: '11' })).toBe(false);
  });

  it("lets a centre ship, under its own name, to the receiving office's province only", () => {
    const shipment = { shipmentId: 'S1', producedBy: '54', receivingOfficeCode: '44010601', cards: [] };
    expect(isAllowed(centre54, MessageType.ShipmentDispatched, topics.receivingShipments('44'), shipment)).toBe(true);
    expect(isAllowed(centre54, MessageType.ShipmentDispatched, topics.receivingShipments('45'), shipment)).toBe(false);
    expect(isAllowed(centre54, MessageType.ShipmentDispatched, topics.receivingShipments('44'), { ...shipment, receivingOfficeCode: 'nope' })).toBe(false);
    expect(isAllowed(centre44, MessageType.ShipmentDispatched, topics.receivingShipments('44'), shipment)).toBe(false);
  });

  it('lets only a registry invalidate a card, on the national topic', () => {
    const invalidated = { cardSerial: 'X', idNumber: 'X', reason: 'replaced' };
    expect(isAllowed(registry11, MessageType.CardInvalidated, topics.cardInvalidations(), invalidated)).toBe(true);
    expect(isAllowed(registry11, MessageType.CardInvalidated, topics.registryCards('11'), invalidated)).toBe(false);
    expect(isAllowed(centre44, MessageType.CardInvalidated, topics.cardInvalidations(), invalidated)).toBe(false);
  });

  it('lets a receiving office send loss, found-card and temporary-card requests for its own offices to the home registry named', () => {
    const requests = [
      [MessageType.LossReported, { homeProvince: '11', receivingOfficeCode: '44010601', idNumber: 'X' }],
      [MessageType.FoundCardReported, { homeProvince: '11', receivingOfficeCode: '44010601', cardSerial: 'X' }],
      [MessageType.TemporaryCardRequested, { homeProvince: '11', receivingOfficeCode: '44010601', name: 'X' }],
      [MessageType.TemporaryCardVoided, { homeProvince: '11', receivingOfficeCode: '44010601', temporarySerial: 'X' }],
    ] as const;
    for (const [type, payload] of requests) {
      expect(isAllowed(office44, type, topics.registryRequests('11'), payload)).toBe(true);
      expect(isAllowed(office44, type, topics.registryRequests('12'), payload)).toBe(false);
      expect(isAllowed(office44, type, topics.registryApplications('11'), payload)).toBe(false);
      expect(isAllowed(office45, type, topics.registryRequests('11'), payload)).toBe(false);
      expect(isAllowed(office44, type, topics.registryRequests('11'), { ...payload, receivingOfficeCode: '45010101' })).toBe(false);
      expect(isAllowed(registry11, type, topics.registryRequests('11'), payload)).toBe(false);
    }
  });

  it("lets a registry answer requests only on the replies topic of the asking office's province", () => {
    for (const type of [MessageType.LossReportAnswered, MessageType.FoundCardAnswered, MessageType.TemporaryCardAnswered]) {
      const answer = { receivingOfficeCode: '44010601' };
      expect(isAllowed(registry11, type, topics.receivingReplies('44'), answer)).toBe(true);
      expect(isAllowed(registry11, type, topics.receivingReplies('45'), answer)).toBe(false);
      expect(isAllowed(registry11, type, topics.receivingDecisions('44'), answer)).toBe(false);
      expect(isAllowed(office44, type, topics.receivingReplies('44'), answer)).toBe(false);
      expect(isAllowed(centre44, type, topics.receivingReplies('44'), answer)).toBe(false);
    }
  });

  it("lets a registry tell a card's home registry of a check it answered, under its own province only", () => {
    const verified = { cardSerial: 'P44202611220000001', homeProvince: '44', checkedIn: '11', result: 'valid' };
    expect(isAllowed(registry11, MessageType.CardVerified, topics.registryVerifications('44'), verified)).toBe(true);
    expect(isAllowed(registry11, MessageType.CardVerified, topics.registryVerifications('65'), verified)).toBe(false);
    expect(isAllowed(registry11, MessageType.CardVerified, topics.registryRequests('44'), verified)).toBe(false);
    expect(isAllowed(registry11, MessageType.CardVerified, topics.registryVerifications('44'), { ...verified, checkedIn: '65' })).toBe(false);
    expect(isAllowed(office44, MessageType.CardVerified, topics.registryVerifications('44'), { ...verified, checkedIn: '44' })).toBe(false);
    expect(topicAddress(topics.registryVerifications('44'))).toEqual({ builder: 'registryVerifications', province: '44' });
  });

  it('lets only a registry announce a card, under its own province, on the national issuance topic', () => {
    const issued = { cardSerial: 'X', homeProvince: '11', kind: 'resident' };
    expect(isAllowed(registry11, MessageType.CardIssued, topics.cardIssuances(), issued)).toBe(true);
    expect(isAllowed(registry11, MessageType.CardIssued, topics.cardIssuances(), { ...issued, homeProvince: '44' })).toBe(false);
    expect(isAllowed(registry11, MessageType.CardIssued, topics.cardInvalidations(), issued)).toBe(false);
    expect(isAllowed(centre44, MessageType.CardIssued, topics.cardIssuances(), { ...issued, homeProvince: '44' })).toBe(false);
    expect(topicAddress(topics.cardIssuances())).toEqual({ builder: 'cardIssuances', province: null });
    expect(topicAddress(topics.registryRequests('44'))).toEqual({ builder: 'registryRequests', province: '44' });
  });

  it("routes deadline reports as the scheduler and the escalation do, for the sender's own applications only", () => {
    const warning = { receiptNumber: receipt, dueAt: '2027-01-21T16:00:00Z', daysLeft: 10, status: 'submitted' };
    for (const type of [MessageType.DeadlineWarning, MessageType.DeadlineBreached]) {
      expect(isAllowed(office44, type, topics.registryApplications('11'), warning)).toBe(true);
      expect(isAllowed(office44, type, topics.productionOrders('44'), warning)).toBe(true);
      expect(isAllowed(office44, type, topics.productionOrders('45'), warning)).toBe(false);
      expect(isAllowed(office45, type, topics.registryApplications('11'), warning)).toBe(false);
      expect(isAllowed(centre44, type, topics.productionOrders('54'), warning)).toBe(true);
      expect(isAllowed(centre44, type, topics.productionOrders('44'), warning)).toBe(false);
      expect(isAllowed(centre54, type, topics.productionOrders('65'), warning)).toBe(false);
      expect(isAllowed(registry11, type, topics.productionOrders('44'), warning)).toBe(false);
    }
  });

  it('compares topics through the builders, so the namespace in force is the one allowed', () => {
    process.env.KAFKA_NAMESPACE = 'run-7';
    const invalidated = { cardSerial: 'X' };
    expect(isAllowed(registry11, MessageType.CardInvalidated, 'run-7.idcard.national.card-invalidations', invalidated)).toBe(true);
    expect(isAllowed(registry11, MessageType.CardInvalidated, 'idcard.national.card-invalidations', invalidated)).toBe(false);
    expect(topicAddress(topics.receivingDecisions('65'))).toEqual({ builder: 'receivingDecisions', province: '65' });
  });

  it('refuses what it cannot read: an unknown type, sender or topic, a dead-letter topic, no payload', () => {
    const invalidated = { cardSerial: 'X' };
    expect(isAllowed(registry11, 'CardInvented', topics.cardInvalidations(), invalidated)).toBe(false);
    expect(isAllowed({ service: 'registry-office', province: '99' }, MessageType.CardInvalidated, topics.cardInvalidations(), invalidated)).toBe(false);
    expect(isAllowed(registry11, MessageType.CardInvalidated, `${topics.cardInvalidations()}.dlq`, invalidated)).toBe(false);
    expect(isAllowed(registry11, MessageType.CardInvalidated, topics.cardInvalidations(), null)).toBe(false);
    expect(isAllowed(registry11, MessageType.ApplicationSignedOff, topics.receivingDecisions('44'), { receiptNumber: 'R99-20261122-000001' })).toBe(false);
  });

  it('lists the rules that let a service send a type, for its own check before sending', () => {
    expect(accessRulesFor('receiving-office', MessageType.DeadlineWarning).map((r) => r.topic.builder)).toEqual(['registryApplications', 'productionOrders']);
    expect(accessRulesFor('receiving-office', MessageType.CardProduced)).toEqual([]);
  });
});
