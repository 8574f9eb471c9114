import { Client } from 'pg';
import { DEMO_DEFAULTS, DemoOutcome, runDemo } from '../../scripts/demo-run';
import type { RunningSystem } from '../../scripts/system';
import type { NamedReceipt } from '../../scripts/verdict';

const APPLICATIONS = 36;
const BROKEN = '65';

async function withDatabase<T>(system: RunningSystem, service: string, province: string, use: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: await system.infrastructure.databaseFor(service, province) });
  await db.connect();
  try {
    return await use(db);
  } finally {
    await db.end();
  }
}

/**
 * The registry of one province is broken on purpose: its inbox drops the first ApplicationSubmitted it is given,
 * silently — it records nothing, runs no handler and lets the offset be committed, as an inbox that wrongly took the
 * message for a duplicate would. The receiving office still answers 200 for that receipt (status `submitted`), so a
 * count of 404s would call nothing lost; the verdict from the systems of record must name it and fail the run.
 */
describe('the demo’s verdict comes from the systems of record', () => {
  let outcome: DemoOutcome;
  let dropped: { receipt: string; idNumber: string; residence: string } | null = null;
  const lines: string[] = [];

  beforeAll(async () => {
    outcome = await runDemo(
      { ...DEMO_DEFAULTS, applications: String(APPLICATIONS), provinces: `44,${BROKEN}`, 'timeout-seconds': '60' },
      {
        say: (line) => lines.push(line),
        afterStart: (system) =>
          withDatabase(system, 'registry-office', BROKEN, async (db) => {
            // Exactly one message dropped: the first claimant wins the one row of inbox_sabotage (the others wait on its
            // unique key, then find it taken); RETURN NULL skips the inbox insert, so the inbox sees "already applied".
            await db.query(`CREATE TABLE inbox_sabotage (id int PRIMARY KEY CHECK (id = 1), message_id uuid NOT NULL)`);
            await db.query(`
              CREATE FUNCTION drop_one_submission() RETURNS trigger LANGUAGE plpgsql AS $$
              DECLARE taken int;
              BEGIN
                IF NEW.message_type <> 'ApplicationSubmitted' THEN RETURN NEW; END IF;
                INSERT INTO inbox_sabotage (id, message_id) VALUES (1, NEW.message_id) ON CONFLICT (id) DO NOTHING;
                GET DIAGNOSTICS taken = ROW_COUNT;
                IF taken = 1 THEN RETURN NULL; END IF;
                RETURN NEW;
              END $$`);
            await db.query(`CREATE TRIGGER drop_one_submission BEFORE INSERT ON inbox_message FOR EACH ROW EXECUTE FUNCTION drop_one_submission()`);
          }),
        beforeStop: async (system) => {
          // Which receipt it was: the dropped message's id, its sender's outbox row (key: the citizen), that office's receipt.
          const messageId = await withDatabase(
            system,
            'registry-office',
            BROKEN,
            async (db) => (await db.query<{ id: string }>(`SELECT message_id AS id FROM inbox_sabotage`)).rows[0]?.id,
          );
          if (!messageId) return;
          for (const residence of ['44', BROKEN])
            await withDatabase(system, 'receiving-office', residence, async (db) => {
              const sent = await db.query<{ key: string }>(`SELECT message_key AS key FROM outbox_message WHERE message_id = $1`, [messageId]);
              if (!sent.rows[0]) return;
              const app = await db.query<{ receipt: string }>(`SELECT receipt_number AS receipt FROM application WHERE id_number = $1 AND home_province = $2`, [
                sent.rows[0].key,
                BROKEN,
              ]);
              dropped = { receipt: app.rows[0].receipt, idNumber: sent.rows[0].key, residence };
            });
        },
      },
    );
  }, 240_000);

  it('the registry did drop one application, which its receiving office still shows as submitted', () => {
    expect(dropped).not.toBeNull();
  });

  it('names the dropped receipt as lost — missing at its home registry — and exits non-zero', () => {
    const { result, exitCode } = outcome;
    expect(exitCode).toBe(1);
    expect(result).toMatchObject({ submitted: APPLICATIONS, lost: 1, pending: 0, duplicatesIssued: 0, appliedTwice: 0, unexpectedOutcomes: 0 });
    expect(Number(result.issued) + Number(result.rejected)).toBe(APPLICATIONS - 1);
    const lost = (result.verdict as { lost: NamedReceipt[] }).lost;
    expect(lost).toEqual([
      expect.objectContaining({ receipt: dropped!.receipt, residence: dropped!.residence, home: BROKEN, receiving: 'submitted', registry: 'missing' }),
    ]);
    expect(lost[0].why).toBe(`not at the home registry ${BROKEN}`);
    expect(lines.some((l) => l.startsWith(`lost: ${dropped!.receipt}`))).toBe(true);
  });

  it('never shows the citizen’s full ID number, in the result or in its lines', () => {
    const text = JSON.stringify(outcome.result) + lines.join('\n');
    expect(text).not.toContain(dropped!.idNumber);
    expect((outcome.result.verdict as { lost: NamedReceipt[] }).lost[0].idNumber).toBe(
      `${dropped!.idNumber.slice(0, 6)}${'*'.repeat(11)}${dropped!.idNumber.slice(17)}`,
    );
  });
});

/**
 * A registry stalled on purpose (--stall): its applications are held, not lost, and its consumer group is judged
 * over the whole run — a short run used to read OK, its 5-second window not yet covered or still holding the zero
 * lag from before the first submission.
 */
describe('a stalled registry in a short run', () => {
  let outcome: DemoOutcome;

  beforeAll(async () => {
    outcome = await runDemo(
      { ...DEMO_DEFAULTS, applications: '30', provinces: `44,${BROKEN}`, stall: BROKEN, 'timeout-seconds': '60' },
      { say: () => undefined },
    );
  }, 150_000);

  it('holds the stalled province’s applications apart from the lost ones, and shows its group stalled over the run', () => {
    const { result, exitCode } = outcome;
    expect(result).toMatchObject({ lost: 0, pending: 0, duplicatesIssued: 0, appliedTwice: 0, unexpectedOutcomes: 0 });
    expect(result.held).toBeGreaterThan(0);
    expect(Number(result.issued) + Number(result.rejected) + Number(result.held)).toBe(30);
    // Both of the registry's groups are paused. Its prompt lane (national broadcasts, requests) stalls too once another
    // province's cards are announced during the run, which depends on how fast the machine is: it may be listed, and
    // then only as STALLED. No other group may be.
    const { [`idcard-registry-office-${BROKEN}-prompt`]: prompt, ...others } = result.lagStatus as Record<string, string>;
    expect(others).toEqual({ [`idcard-registry-office-${BROKEN}`]: 'STALLED' });
    expect([undefined, 'STALLED']).toContain(prompt);
    expect(exitCode).toBe(0);
  });
});
