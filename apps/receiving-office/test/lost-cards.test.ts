import { randomUUID } from 'crypto';
import { deadLetterTopic, decodeMessage, MessageType, topics } from '@idcard/contracts';
import { HttpAnswer, ServiceUnderTest, waitFor } from '@idcard/testing';
import { receivingOfficeSettingsFrom, startReceivingOffice } from '../src';
import { applicationForm, citizensOf, clerkOf, OPS, officeOf, receivingOfficeActors } from './fixtures';

const R = '65';
const HOME = '44';
const OFFICE = officeOf(R);
const REQUESTS = topics.registryRequests(HOME);
const REPLIES = topics.receivingReplies(R);
const DLQ = deadLetterTopic(REPLIES);
const fromRegistry = { province: HOME, service: 'registry-office' } as const;

/**
 * Lost cards at the receiving office of province 65 (issue 12), for Guangdong citizens: loss reports, found cards and
 * temporary IDs go to the home registry on idcard.registry.44.requests; the test plays that registry on the replies topic.
 */
describe('lost cards at the receiving office of province 65', () => {
  let office: ServiceUnderTest;
  const citizens = citizensOf(HOME, 30, 31);
  let next = 0;
  const aCitizen = () => citizens[next++];
  const serial = () => `P${HOME}${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`;

  beforeAll(async () => {
    office = await ServiceUnderTest.start({
      service: 'receiving-office',
      province: R,
      watch: [REQUESTS, topics.registryApplications(HOME), DLQ],
      start: (config) =>
        startReceivingOffice({ ...config, ...receivingOfficeSettingsFrom({ DEADLINE_TICK_MS: '0', FOUND_CARD_SWEEP_MS: '0', FOUND_CARD_KEEP_DAYS: '90' }) }),
      actorFor: receivingOfficeActors(OFFICE),
    });
  }, 60_000);
  afterAll(() => office?.stop(), 30_000);

  /** The request the office sent to the home registry, decoded, found by its correlation id. */
  async function sentRequest(type: string, id: string) {
    const m = await waitFor(`${type} ${id} on ${REQUESTS}`, () => office.log.on(REQUESTS, { type, correlationId: id })[0]);
    const decoded = decodeMessage(m.raw);
    if (!decoded.ok) throw new Error(decoded.reason);
    return { key: m.key, envelope: decoded.envelope, payload: decoded.payload as any };
  }

  function answer(type: string, payload: Record<string, unknown>, id: string, from: { province: string; service: 'registry-office' } = fromRegistry) {
    return office.sendMessage(
      REPLIES,
      id,
      type,
      { receivingOfficeCode: OFFICE, answeredAt: office.clock.now().toISOString(), ...payload },
      { from, correlationId: id },
    );
  }

  const deadLettered = (messageId: string) => () => office.log.on(DLQ).find((m) => m.envelope?.messageId === messageId) ?? null;

  describe('loss reports (挂失申报)', () => {
    it('sends the report to the home registry with the clerk and office from the token, and shows the refusal that comes back', async () => {
      const citizen = aCitizen();
      const cardSerial = serial();
      const alice = { ...clerkOf(OFFICE, '阿依古丽'), subject: 'clerk-0042' };
      const res = await office.http('POST', '/loss-reports', { idNumber: citizen.idNumber, cardSerial }, { as: alice });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ reportId: expect.any(String), status: 'pending' });
      const { reportId } = res.body;

      const sent = await sentRequest(MessageType.LossReported, reportId);
      expect(sent.key).toBe(citizen.idNumber);
      expect(sent.envelope.source).toEqual({ province: R, service: 'receiving-office' });
      expect(sent.payload).toMatchObject({
        reportId,
        idNumber: citizen.idNumber,
        homeProvince: HOME,
        cardSerial,
        receivingOfficeCode: OFFICE,
        reportedBy: 'clerk-0042',
      });
      expect((await office.http('GET', `/loss-reports/${reportId}`)).body.status).toBe('pending');

      await answer(MessageType.LossReportAnswered, { reportId, outcome: 'refused', refusal: 'not-current-card' }, reportId);
      const refused = await waitFor('the refusal', async () => {
        const v = (await office.http('GET', `/loss-reports/${reportId}`)).body;
        return v.status === 'refused' ? v : null;
      });
      expect(refused).toMatchObject({ refusal: 'not-current-card', homeProvince: HOME, receivingOfficeCode: OFFICE });
      expect(refused.refusalText).toMatch(/not the citizen's current card/);
      expect(refused.idNumber).toBe(`${citizen.idNumber.slice(0, 6)}***********${citizen.idNumber.slice(17)}`);

      // The same answer again changes nothing; the opposite answer is a conflict for a person, dead-lettered.
      await answer(MessageType.LossReportAnswered, { reportId, outcome: 'refused', refusal: 'not-current-card' }, reportId);
      const opposite = await answer(MessageType.LossReportAnswered, { reportId, outcome: 'accepted', cardSerial }, reportId);
      const parked = await waitFor('the opposite answer dead-lettered', deadLettered(opposite.messageId));
      expect(parked.headers['x-dead-letter-reason']).toMatch(/now says accepted for a loss report recorded as refused/);
      expect((await office.http('GET', `/loss-reports/${reportId}`)).body.status).toBe('refused');
    });

    it('records an accepted report with the card the registry marked lost, and refuses an answer from another registry', async () => {
      const citizen = aCitizen();
      const res = await office.http('POST', '/loss-reports', { idNumber: citizen.idNumber, homeProvince: HOME });
      const { reportId } = res.body;
      await sentRequest(MessageType.LossReported, reportId);
      const impostor = await answer(MessageType.LossReportAnswered, { reportId, outcome: 'accepted' }, reportId, {
        province: '11',
        service: 'registry-office',
      });
      const parked = await waitFor('the answer from Beijing dead-lettered', deadLettered(impostor.messageId));
      expect(parked.headers['x-dead-letter-reason']).toMatch(/only the registry it was sent to \(44\) answers|not-allowed|registry/);

      const cardSerial = serial();
      await answer(MessageType.LossReportAnswered, { reportId, outcome: 'accepted', cardSerial }, reportId);
      const accepted = await waitFor('the acceptance', async () => {
        const v = (await office.http('GET', `/loss-reports/${reportId}`)).body;
        return v.status === 'accepted' ? v : null;
      });
      expect(accepted).toMatchObject({ cardSerial, refusal: null });
    });

    it('names every bad field, and keeps a report to the clerks of its office (ops may read)', async () => {
      const bad = await office.http('POST', '/loss-reports', { idNumber: '440106199003151225', homeProvince: '99', cardSerial: 'lower', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cardSerial', 'extra', 'homeProvince', 'idNumber']);

      const { reportId } = (await office.http('POST', '/loss-reports', { idNumber: aCitizen().idNumber })).body;
      expect((await office.http('GET', `/loss-reports/${reportId}`, undefined, { as: clerkOf(`${R}010301`) })).status).toBe(403);
      expect((await office.http('GET', `/loss-reports/${reportId}`, undefined, { as: OPS })).status).toBe(200);
      expect((await office.http('POST', '/loss-reports', { idNumber: aCitizen().idNumber }, { as: OPS })).status).toBe(403);
      expect((await office.http('GET', `/loss-reports/${randomUUID()}`)).body.code).toBe('UNKNOWN_LOSS_REPORT');
      expect((await office.http('GET', '/loss-reports/not-a-uuid')).status).toBe(404);
    });
  });

  describe('found cards (丢失招领)', () => {
    async function handIn(): Promise<{ foundCardId: string; idNumber: string; cardSerial: string }> {
      const citizen = aCitizen();
      const cardSerial = serial();
      const res = await office.http('POST', '/found-cards', { cardSerial, idNumber: citizen.idNumber });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'routed', cardSerial, homeProvince: HOME, receivingOfficeCode: OFFICE });
      const sent = await sentRequest(MessageType.FoundCardReported, res.body.foundCardId);
      expect(sent.payload).toMatchObject({
        foundCardId: res.body.foundCardId,
        cardSerial,
        idNumber: citizen.idNumber,
        homeProvince: HOME,
        receivingOfficeCode: OFFICE,
      });
      return { foundCardId: res.body.foundCardId, idNumber: citizen.idNumber, cardSerial };
    }

    const statusOf = async (id: string) => (await office.http('GET', `/found-cards/${id}`)).body.status;
    const until = (id: string, status: string) => () => waitFor(`found card ${status}`, async () => (await statusOf(id)) === status);

    it('destroys a card the registry says was lost, and never hands it out', async () => {
      const card = await handIn();
      await answer(MessageType.FoundCardAnswered, { foundCardId: card.foundCardId, instruction: 'destroy', reason: 'lost' }, card.foundCardId);
      await until(card.foundCardId, 'to_destroy')();
      const handOver = await office.http('POST', `/found-cards/${card.foundCardId}/collection`, { idNumber: card.idNumber });
      expect(handOver.status).toBe(409);
      expect(handOver.body).toMatchObject({ code: 'FOUND_CARD_WRONG_STATUS', currentStatus: 'to_destroy' });
      const destroyed = await office.http('POST', `/found-cards/${card.foundCardId}/destruction`);
      expect(destroyed.status).toBe(200);
      expect(destroyed.body).toMatchObject({ status: 'destroyed', reason: 'lost', toDestroyBecause: 'registry' });
      expect((await office.http('POST', `/found-cards/${card.foundCardId}/destruction`)).status).toBe(409);
      const rows = await office.sql(`SELECT destroyed_by, destroyed_by_name FROM found_card WHERE found_card_id = $1`, [card.foundCardId]);
      expect(rows[0].destroyed_by_name).toBe('柜台受理员');
    });

    it('returns a valid card to its holder only, and refuses the same card handed in while it is held', async () => {
      const card = await handIn();
      const again = await office.http('POST', '/found-cards', { cardSerial: card.cardSerial, idNumber: card.idNumber });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('FOUND_CARD_ALREADY_HELD');
      expect((await office.http('POST', `/found-cards/${card.foundCardId}/collection`, { idNumber: card.idNumber })).status).toBe(409);

      await answer(MessageType.FoundCardAnswered, { foundCardId: card.foundCardId, instruction: 'return' }, card.foundCardId);
      await until(card.foundCardId, 'awaiting_collection')();
      const view = (await office.http('GET', `/found-cards/${card.foundCardId}`)).body;
      expect(Date.parse(view.keepUntil) - office.clock.now().getTime()).toBeGreaterThan(89 * 86_400_000);
      const someoneElse = await office.http('POST', `/found-cards/${card.foundCardId}/collection`, { idNumber: aCitizen().idNumber });
      expect(someoneElse.status).toBe(403);
      expect(someoneElse.body.code).toBe('NOT_THE_HOLDER');
      const collected = await office.http('POST', `/found-cards/${card.foundCardId}/collection`, { idNumber: card.idNumber.toLowerCase() });
      expect(collected.status).toBe(200);
      expect(collected.body.status).toBe('collected');
    });

    it('destroys a card kept for its holder once it is invalidated meanwhile (CardInvalidated), and one whose invalidation crossed the answer', async () => {
      const invalidate = (cardSerial: string, idNumber: string) =>
        office.sendMessage(
          topics.cardInvalidations(),
          cardSerial,
          MessageType.CardInvalidated,
          { cardSerial, idNumber, reason: 'replaced', invalidatedAt: office.clock.now().toISOString() },
          { from: fromRegistry, correlationId: cardSerial },
        );
      const kept = await handIn();
      await answer(MessageType.FoundCardAnswered, { foundCardId: kept.foundCardId, instruction: 'return' }, kept.foundCardId);
      await until(kept.foundCardId, 'awaiting_collection')();
      await invalidate(kept.cardSerial, kept.idNumber);
      await until(kept.foundCardId, 'to_destroy')();
      expect((await office.http('GET', `/found-cards/${kept.foundCardId}`)).body).toMatchObject({ toDestroyBecause: 'invalidated', reason: 'replaced' });
      expect((await office.http('POST', `/found-cards/${kept.foundCardId}/collection`, { idNumber: kept.idNumber })).status).toBe(409);

      const crossed = await handIn();
      await invalidate(crossed.cardSerial, crossed.idNumber);
      await waitFor(
        'the invalidation noted',
        async () => (await office.sql(`SELECT invalidation_reason FROM found_card WHERE found_card_id = $1`, [crossed.foundCardId]))[0].invalidation_reason,
      );
      await answer(MessageType.FoundCardAnswered, { foundCardId: crossed.foundCardId, instruction: 'return' }, crossed.foundCardId);
      await until(crossed.foundCardId, 'to_destroy')();
    });

    it('destroys a returned card nobody collected within FOUND_CARD_KEEP_DAYS: the sweep, on the moved clock', async () => {
      const card = await handIn();
      await answer(MessageType.FoundCardAnswered, { foundCardId: card.foundCardId, instruction: 'return' }, card.foundCardId);
      await until(card.foundCardId, 'awaiting_collection')();
      const waiting = await office.http('GET', '/found-cards?status=awaiting_collection');
      expect(waiting.body.map((c: { foundCardId: string }) => c.foundCardId)).toContain(card.foundCardId);

      office.clock.advanceDays(91);
      expect(await statusOf(card.foundCardId)).toBe('to_destroy'); // shown so before the sweep
      expect((await office.http('POST', `/found-cards/${card.foundCardId}/collection`, { idNumber: card.idNumber })).status).toBe(409);
      const sweep = await office.http('POST', '/found-cards/sweep', undefined, { as: OPS });
      expect(sweep.status).toBe(200);
      expect(sweep.body.uncollected).toBeGreaterThanOrEqual(1);
      const rows = await office.sql(`SELECT status, to_destroy_because FROM found_card WHERE found_card_id = $1`, [card.foundCardId]);
      expect(rows[0]).toEqual({ status: 'to_destroy', to_destroy_because: 'uncollected' });
      const toDestroy = await office.http('GET', '/found-cards?status=to_destroy');
      expect(toDestroy.body.map((c: { foundCardId: string }) => c.foundCardId)).toContain(card.foundCardId);
      const destroyed = await office.http('POST', `/found-cards/${card.foundCardId}/destruction`);
      expect(destroyed.body).toMatchObject({ status: 'destroyed', toDestroyBecause: 'uncollected' });
    });

    it('names a bad status filter and bad fields', async () => {
      const bad = await office.http('GET', '/found-cards?status=lost');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('status');
      const form = await office.http('POST', '/found-cards', { cardSerial: 'x', idNumber: '1' });
      expect(form.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cardSerial', 'idNumber']);
    });
  });

  describe('temporary IDs (临时身份证)', () => {
    /** Starts the request (the counter waits) and resolves what the office sent, with the pending answer. */
    async function ask(name?: string): Promise<{ requestId: string; idNumber: string; answer: Promise<HttpAnswer> }> {
      const citizen = aCitizen();
      const pending = office.http('POST', '/temporary-cards', { idNumber: citizen.idNumber, name: name ?? citizen.name });
      const sent = await waitFor('TemporaryCardRequested', () =>
        office.log.on(REQUESTS, { type: MessageType.TemporaryCardRequested }).find((m) => m.envelope?.payload.idNumber === citizen.idNumber),
      );
      const payload = sent.envelope!.payload;
      expect(Date.parse(payload.answerBy) - Date.parse(payload.requestedAt)).toBe(5000);
      expect(payload).toMatchObject({ homeProvince: HOME, receivingOfficeCode: OFFICE, name: name ?? citizen.name });
      return { requestId: payload.requestId, idNumber: citizen.idNumber, answer: pending };
    }

    it('issues the card on the registry’s word, for 10 yuan', async () => {
      const { requestId, answer: pending } = await ask();
      await answer(
        MessageType.TemporaryCardAnswered,
        { requestId, outcome: 'issued', temporarySerial: 'T44202612010001', validUntil: '2027-03-01' },
        requestId,
      );
      const res = await pending;
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ requestId, temporarySerial: 'T44202612010001', validUntil: '2027-03-01', fee: 10 });
      expect((await office.http('GET', `/temporary-cards/${requestId}`)).body).toMatchObject({ status: 'issued', fee: 10 });
    });

    it('says why the registry refused, as a 422', async () => {
      const { requestId, answer: pending } = await ask('不是这个名字');
      await answer(MessageType.TemporaryCardAnswered, { requestId, outcome: 'refused', refusal: 'mismatch' }, requestId);
      const res = await pending;
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'TEMPORARY_CARD_REFUSED', refusal: 'mismatch', requestId });
      expect(res.body.message).toMatch(/name does not match/);
    });

    it('gives up at answer-by with "try again or apply normally", and voids an issue that comes later', async () => {
      const { requestId, idNumber, answer: pending } = await ask();
      office.clock.advance(6000); // the registry is silent past answer-by
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'TEMPORARY_CARD_NO_ANSWER', requestId });
      expect(res.body.message).toMatch(/try again or apply normally/);
      expect((await office.http('GET', `/temporary-cards/${requestId}`)).body.status).toBe('no_answer');

      await answer(
        MessageType.TemporaryCardAnswered,
        { requestId, outcome: 'issued', temporarySerial: 'T44202612010002', validUntil: '2027-03-01' },
        requestId,
      );
      const voided = await sentRequest(MessageType.TemporaryCardVoided, requestId);
      expect(voided.key).toBe(idNumber);
      expect(voided.payload).toMatchObject({ requestId, temporarySerial: 'T44202612010002', homeProvince: HOME, receivingOfficeCode: OFFICE });
      expect((await office.http('GET', `/temporary-cards/${requestId}`)).body).toMatchObject({ status: 'voided', temporarySerial: 'T44202612010002' });
    });

    it('names bad fields at once', async () => {
      const res = await office.http('POST', '/temporary-cards', { idNumber: 'x', name: ' ' });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['idNumber', 'name']);
    });
  });

  describe('a lost-card application with the loss reported at the counter', () => {
    it('carries lossReportedAtCounter to the home registry, and refuses it on any other kind', async () => {
      const citizen = aCitizen();
      const res = await office.http('POST', '/applications', applicationForm(citizen, R, { kind: 'lost', feePaidYuan: 40, lossReportedAtCounter: true }));
      expect(res.status).toBe(201);
      const sent = await waitFor(
        'ApplicationSubmitted',
        () => office.log.on(topics.registryApplications(HOME), { type: MessageType.ApplicationSubmitted, correlationId: res.body.receiptNumber })[0],
      );
      expect(sent.envelope!.payload).toMatchObject({ kind: 'lost', lossReportedAtCounter: true });
      const timeline = (await office.http('GET', `/applications/${res.body.receiptNumber}`)).body.timeline;
      expect(timeline[0].detail).toMatch(/loss of the current card reported at the counter/);

      const wrong = await office.http('POST', '/applications', applicationForm(aCitizen(), R, { lossReportedAtCounter: true }));
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ field: 'lossReportedAtCounter', reason: expect.stringMatching(/only for a lost application/) }]);
    });
  });
});
