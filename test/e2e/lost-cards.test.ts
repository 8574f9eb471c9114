import { AdjustableClock } from '@idcard/clock';
import { ProvinceCode, topics } from '@idcard/contracts';
import { uniqueDatabaseName } from '@idcard/database';
import { KafkaInboxTransport } from '@idcard/messaging';
import { SyntheticCitizen, syntheticCitizens } from '@idcard/synthetic';
import { waitFor } from '@idcard/testing';
import { Actors } from '../../scripts/actors';
import { call } from '../../scripts/demo-http';
import { CitizenTokens } from '../../apps/registry-office/src/citizen-channel/citizen-tokens';
import { RunningSystem, startSystem } from '../../scripts/system';
import { TestInfrastructure, testInfrastructure } from '../support/test-infrastructure';

const SEED = 5;
const REGISTER = 40;
const PROVINCES: ProvinceCode[] = ['11', '44', '65'];

/**
 * Lost cards across provinces (issue 12) on the real broker and PostgreSQL: Beijing (11), Guangdong (44) and Xinjiang
 * (65), each with its registry office, production centre and receiving office. A clerk at a Xinjiang office serves
 * Guangdong and Beijing citizens; a bank's verifier asks the registry office of any province whether a card is valid.
 */
describe('lost cards across provinces (system test)', () => {
  let infra: TestInfrastructure;
  let system: RunningSystem;
  let actors: Actors;
  const adults = Object.fromEntries(
    PROVINCES.map((p) => [p, syntheticCitizens(p, REGISTER, SEED).filter((c) => c.birthDate < '2000-01-01' && c.ethnicGroup === '01')]),
  ) as Record<ProvinceCode, SyntheticCitizen[]>;
  const used = new Set<string>();
  const aCitizenOf = (p: ProvinceCode) => {
    const c = adults[p].find((c) => !used.has(c.idNumber))!;
    used.add(c.idNumber);
    return c;
  };
  const XINJIANG_OFFICE = '65010601';

  beforeAll(async () => {
    infra = await testInfrastructure();
    system = await startSystem({
      provinces: PROVINCES,
      databaseUrl: infra.databaseUrl,
      kafkaBrokers: infra.kafkaBrokers,
      databaseNamespace: infra.databaseUrl ? uniqueDatabaseName('e2e') : undefined,
      logLevels: [],
      env: {
        PRODUCTION_INTERVAL_MS: '100',
        SHIPMENT_MAX_WAIT_MS: '300',
        TEMPORARY_CARD_ANSWER_MS: '5000',
        DEADLINE_TICK_MS: '0',
        FOUND_CARD_SWEEP_MS: '0',
        VERIFICATION_RATE_LIMIT_PER_MINUTE: '100000',
      },
      maxWaitTimeInMs: 100,
    });
    actors = new Actors(system.issuer);
    for (const p of PROVINCES) {
      const seeded = await call('POST', `${system.url('registry-office', p)}/register/seed`, { count: REGISTER, seed: SEED }, await actors.registerAdmin(p));
      expect(seeded.status).toBeLessThan(300);
    }
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await infra?.dispose();
  });

  const atXinjiang = async (method: string, path: string, body?: unknown) =>
    call(method, `${system.url('receiving-office', '65')}${path}`, body, await actors.clerk(XINJIANG_OFFICE));
  const verifyAt = async (province: string, card: { cardSerial: string; idNumber: string; name: string }, verifier?: string) =>
    call('POST', `${system.url('registry-office', province)}/verifications`, card, await actors.verifier(verifier));
  const currentCard = async (c: SyntheticCitizen): Promise<string> => {
    const res = await call(
      'GET',
      `${system.url('registry-office', c.homeProvince)}/register/citizens/${c.idNumber}/cards`,
      undefined,
      await actors.reviewer(c.homeProvince),
    );
    const cards: { cardSerial?: string; serial?: string; status: string }[] = Array.isArray(res.body) ? res.body : res.body.cards;
    const valid = cards.find((k) => k.status === 'valid')!;
    return (valid.cardSerial ?? valid.serial)!;
  };
  /** Polls the verifier at a province until it answers `wanted` (the national broadcast reaches each province on its own time). */
  const verifiedAs = (province: string, card: { cardSerial: string; idNumber: string; name: string }, wanted: object, verifier?: string) =>
    waitFor(`${province} to answer ${JSON.stringify(wanted)}`, async () => {
      const res = await verifyAt(province, card, verifier);
      return JSON.stringify(res.body) === JSON.stringify(wanted) ? res : null;
    });
  const foundCardStatus = (id: string, status: string) =>
    waitFor(`found card ${status}`, async () => {
      const res = await atXinjiang('GET', `/found-cards/${id}`);
      return res.body?.status === status ? res.body : null;
    });

  it('a loss reported at a Xinjiang office for a Guangdong citizen invalidates the card: a verification in Beijing answers invalid: lost', async () => {
    const citizen = aCitizenOf('44');
    const cardSerial = await currentCard(citizen);
    const card = { cardSerial, idNumber: citizen.idNumber, name: citizen.name };
    await verifiedAs('11', card, { result: 'valid' });

    const reported = await atXinjiang('POST', '/loss-reports', { idNumber: citizen.idNumber, cardSerial });
    expect(reported.status).toBe(202);
    const accepted = await waitFor('the loss accepted at the Xinjiang office', async () => {
      const res = await atXinjiang('GET', `/loss-reports/${reported.body.reportId}`);
      return res.body?.status === 'accepted' ? res.body : null;
    });
    expect(accepted.cardSerial).toBe(cardSerial);
    for (const p of PROVINCES) await verifiedAs(p, card, { result: 'invalid', reason: 'lost' });

    // A second report of the same card: refused, and the refusal comes back to the office that sent it.
    const again = await atXinjiang('POST', '/loss-reports', { idNumber: citizen.idNumber, cardSerial });
    const refused = await waitFor('the second report refused', async () => {
      const res = await atXinjiang('GET', `/loss-reports/${again.body.reportId}`);
      return res.body?.status === 'refused' ? res.body : null;
    });
    expect(['already-lost', 'not-current-card']).toContain(refused.refusal);
  });

  it('refuses a loss report for a citizen who is not in the register, at the office that sent it', async () => {
    const stranger = syntheticCitizens('44', REGISTER + 20, SEED + 1)
      .filter((c) => c.birthDate < '2000-01-01')
      .find((c) => !syntheticCitizens('44', REGISTER, SEED).some((k) => k.idNumber === c.idNumber))!;
    const reported = await atXinjiang('POST', '/loss-reports', { idNumber: stranger.idNumber });
    const refused = await waitFor('the refusal', async () => {
      const res = await atXinjiang('GET', `/loss-reports/${reported.body.reportId}`);
      return res.body?.status === 'refused' ? res.body : null;
    });
    expect(refused.refusal).toBe('not-in-register');
  });

  it('destroys a found card that was reported lost, and returns one that was not through an SMS to its holder', async () => {
    const loser = aCitizenOf('44');
    const lostSerial = await currentCard(loser);
    const reported = await atXinjiang('POST', '/loss-reports', { idNumber: loser.idNumber, cardSerial: lostSerial });
    await waitFor('the loss accepted', async () => (await atXinjiang('GET', `/loss-reports/${reported.body.reportId}`)).body?.status === 'accepted');

    const lostFound = await atXinjiang('POST', '/found-cards', { cardSerial: lostSerial, idNumber: loser.idNumber });
    expect(lostFound.status).toBe(201);
    const toDestroy = await foundCardStatus(lostFound.body.foundCardId, 'to_destroy');
    expect(toDestroy).toMatchObject({ instruction: 'destroy', reason: 'lost' });
    const destroyed = await atXinjiang('POST', `/found-cards/${lostFound.body.foundCardId}/destruction`);
    expect(destroyed.body.status).toBe('destroyed');

    const holder = aCitizenOf('11');
    const validSerial = await currentCard(holder);
    const found = await atXinjiang('POST', '/found-cards', { cardSerial: validSerial, idNumber: holder.idNumber });
    expect(found.status).toBe(201);
    await foundCardStatus(found.body.foundCardId, 'awaiting_collection');
    // The home registry (Beijing) holds the phone number: it queued the SMS for this found card and its relay sent it.
    const sms = await waitFor('the SMS sent by the home registry', async () => {
      const rows = await registrySql('11', `SELECT purpose, reference, sent_at FROM sms_notification WHERE purpose = 'found_card' AND reference = $1`, [
        found.body.foundCardId,
      ]).catch(() => []);
      return rows.length && rows[0].sent_at ? rows : null;
    });
    expect(sms).toHaveLength(1);
    const collected = await atXinjiang('POST', `/found-cards/${found.body.foundCardId}/collection`, { idNumber: holder.idNumber });
    expect(collected.body.status).toBe('collected');
  });

  it('answers mismatch for a card read with another province’s citizen, without saying whose card it is', async () => {
    const owner = aCitizenOf('44');
    const other = aCitizenOf('65');
    const cardSerial = await currentCard(owner);
    await verifiedAs('65', { cardSerial, idNumber: owner.idNumber, name: owner.name }, { result: 'valid' });
    const res = await verifiedAs('65', { cardSerial, idNumber: other.idNumber, name: other.name }, { result: 'invalid', reason: 'mismatch' });
    const said = JSON.stringify(res.body);
    for (const secret of [owner.idNumber, owner.name, owner.idNumber.slice(0, 6)]) expect(said).not.toContain(secret);
  });

  it('shows the citizen every check of their card, nationwide — who, where, when, the answer — and tells no registry of an unknown card', async () => {
    const citizen = aCitizenOf('44');
    const stranger = aCitizenOf('65');
    const cardSerial = await currentCard(citizen);
    const card = { cardSerial, idNumber: citizen.idNumber, name: citizen.name };
    // A bank in Beijing, a hotel in Xinjiang that reads the card under someone else's name, and a telecom at home.
    await verifiedAs('11', card, { result: 'valid' }, '北京某银行');
    await verifiedAs('65', { cardSerial, idNumber: stranger.idNumber, name: stranger.name }, { result: 'invalid', reason: 'mismatch' }, '乌鲁木齐某酒店');
    await verifiedAs('44', card, { result: 'valid' }, '广州某营业厅');

    // The citizen's own session on their home registry (the code-by-SMS sign-in is the registry suite's to show).
    const { token } = await system.service('registry-office', '44').app!.get(CitizenTokens).issue(citizen.idNumber);
    const tracker = await waitFor('the checks made in Beijing and Xinjiang on the tracker', async () => {
      const res = await call('GET', `${system.url('registry-office', '44')}/citizens/me/verifications`, undefined, token);
      expect(res.status).toBe(200);
      const where = new Set((res.body as { province: string }[]).map((c) => c.province));
      return ['11', '65', '44'].every((p) => where.has(p)) ? (res.body as Record<string, unknown>[]) : null;
    });
    const seen = (province: string) => tracker.filter((c) => c.province === province);
    for (const check of tracker) expect(check).toMatchObject({ cardSerial, checkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(seen('11')).toContainEqual(expect.objectContaining({ client: '北京某银行', result: 'valid', reason: null }));
    expect(seen('65')).toContainEqual(expect.objectContaining({ client: '乌鲁木齐某酒店', result: 'invalid', reason: 'mismatch' }));
    expect(seen('44')).toContainEqual(expect.objectContaining({ client: '广州某营业厅', result: 'valid', reason: null }));
    // Newest first; and nothing of whoever presented the card under the wrong name.
    const times = tracker.map((c) => Date.parse(c.checkedAt as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const secret of [stranger.idNumber, stranger.name]) expect(JSON.stringify(tracker)).not.toContain(secret);
    // Each check told once: the home registry holds one row per check answered elsewhere, as many as the Beijing registry answered.
    const [{ answered }] = await registrySql('11', `SELECT count(*)::int AS answered FROM verification_check WHERE card_serial = $1 AND result = 'valid'`, [
      cardSerial,
    ]); // an unknown answer (the card's issuance still on its way) is told to nobody
    expect(answered).toBeGreaterThan(0);
    await waitFor('every Beijing check recorded once at home', async () => {
      const [{ told }] = await registrySql(
        '44',
        `SELECT count(*)::int AS told FROM verification_check_elsewhere WHERE card_serial = $1 AND checked_in = '11'`,
        [cardSerial],
      );
      return told === answered;
    });

    // A card no province announced (unknown): answered, recorded where it was asked, told to nobody.
    const madeUp = `${cardSerial.slice(0, -4)}${String((Number(cardSerial.slice(-4)) + 5000) % 10000).padStart(4, '0')}`;
    expect((await verifyAt('11', { ...card, cardSerial: madeUp })).body).toEqual({ result: 'invalid', reason: 'unknown' });
    const [{ sent }] = await registrySql('11', `SELECT count(*)::int AS sent FROM outbox_message WHERE message_type = 'CardVerified' AND message_key = $1`, [
      madeUp,
    ]);
    expect(sent).toBe(0);
  });

  it('tells the clerk to try again or apply normally when the home registry does not answer in time, and never issues', async () => {
    const citizen = aCitizenOf('11');
    // Requests are read by the registry's prompt lane: its consumer is the one to pause.
    const consumer = system.service('registry-office', '11').app!.get(KafkaInboxTransport).consumerOf(topics.registryRequests('11'))!;
    consumer.pause([{ topic: topics.registryRequests('11') }]);
    let res;
    try {
      res = await atXinjiang('POST', '/temporary-cards', { idNumber: citizen.idNumber, name: citizen.name });
    } finally {
      consumer.resume([{ topic: topics.registryRequests('11') }]);
    }
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'TEMPORARY_CARD_NO_ANSWER' });
    expect(res.body.message).toMatch(/try again or apply normally/);
    // The registry reads the request late and refuses it (too late); the office never has a card to hand out.
    const late = await waitFor('the late answer recorded', async () => {
      const view = await atXinjiang('GET', `/temporary-cards/${res.body.requestId}`);
      return view.body?.answeredAt ? view.body : null;
    });
    expect(late.status).toMatch(/^(no_answer|voided)$/);
    if (late.status === 'voided')
      await verifiedAs('65', { cardSerial: late.temporarySerial, idNumber: citizen.idNumber, name: citizen.name }, { result: 'invalid', reason: 'unknown' });
  });

  // Last: it moves the clock of every service three months on.
  it('issues a temporary ID on the spot for a Guangdong citizen in Xinjiang, valid everywhere, and expired three months later', async () => {
    const citizen = aCitizenOf('44');
    const res = await atXinjiang('POST', '/temporary-cards', { idNumber: citizen.idNumber, name: citizen.name });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fee: 10, temporarySerial: expect.any(String), validUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const card = { cardSerial: res.body.temporarySerial, idNumber: citizen.idNumber, name: citizen.name };
    for (const p of PROVINCES) await verifiedAs(p, card, { result: 'valid' });

    const clock = system.clock as AdjustableClock;
    const daysLeft = Math.ceil((Date.parse(`${res.body.validUntil}T16:00:00Z`) - clock.now().getTime()) / 86_400_000);
    clock.advanceDays(daysLeft + 1);
    for (const p of PROVINCES) await verifiedAs(p, card, { result: 'invalid', reason: 'expired' });
  });

  async function registrySql(province: string, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: await system.infrastructure.databaseFor('registry-office', province) });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }
});
