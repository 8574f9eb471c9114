import type { RetentionTask } from '@idcard/service-runtime';
import type { ApplicationSubmitted } from '@idcard/contracts';
import { sealedApplication } from './entities/registry-application.entity';

const DAY_MS = 86_400_000;
const SLICE = 200;

/** The stored form without the photo and fingerprint templates; the photo's hash and size stay, to show what there was. */
export function withoutBiometrics(application: ApplicationSubmitted): ApplicationSubmitted {
  return { ...application, photo: { ...application.photo, jpegBase64: '' }, fingerprints: { templates: [] } };
}

/**
 * Purges the photo and fingerprints of applications finished — card issued, or rejected — more than
 * BIOMETRICS_RETENTION_DAYS ago (by the service's clock), a slice per transaction, rows locked with SKIP LOCKED so
 * replicas share the work. The application row, its state, decision and times stay.
 */
export const purgeFinishedApplicationBiometrics: RetentionTask = {
  name: 'biometrics',
  async run(dataSource, now, settings) {
    const before = new Date(now.getTime() - settings.biometricsDays * DAY_MS);
    let total = 0;
    for (;;) {
      const purged = await dataSource.transaction(async (em) => {
        const rows: { receipt_number: string; application: string }[] = await em.query(
          `SELECT receipt_number, application FROM registry_application
            WHERE biometrics_purged_at IS NULL AND state IN ('issued', 'rejected') AND coalesce(issued_at, decided_at) < $1
            ORDER BY receipt_number LIMIT ${SLICE} FOR UPDATE SKIP LOCKED`,
          [before],
        );
        for (const row of rows) {
          const stripped = withoutBiometrics(sealedApplication.from(row.application) as ApplicationSubmitted);
          await em.query(`UPDATE registry_application SET application = $2, biometrics_purged_at = $3 WHERE receipt_number = $1`, [
            row.receipt_number,
            sealedApplication.to(stripped),
            now,
          ]);
        }
        return rows.length;
      });
      total += purged;
      if (purged < SLICE) return total;
    }
  },
};
