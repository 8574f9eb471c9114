import type { ApplicationStatus } from '@idcard/contracts';

/** Where an unfinished application is held up, as an operator of the province reads it. */
const DEADLINE_STAGES = ['waiting_for_sign_off', 'in_production', 'in_transit', 'awaiting_handover'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

/** The stage of an unfinished application; null for a finished one. */
export function stageOf(status: ApplicationStatus): DeadlineStage | null {
  switch (status) {
    case 'submitted':
    case 'under_review':
    case 'manual_review':
      return 'waiting_for_sign_off';
    case 'signed_off':
    case 'in_production':
      return 'in_production';
    case 'shipped':
      return 'in_transit';
    case 'arrived':
      return 'awaiting_handover';
    default:
      return null;
  }
}

/** Escalation reached so far by an unfinished application: warned (at risk) or breached. */
export type DeadlineState = 'warned' | 'breached';

/** One group of unfinished, escalated applications, as counted by the database. */
export interface EscalatedCount {
  deadlineState: DeadlineState;
  status: ApplicationStatus;
  homeProvince: string;
  count: number;
}

export type StageCounts = Record<DeadlineStage, number>;

export interface ProvinceCounts {
  homeProvince: string;
  total: number;
  byStage: StageCounts;
}

export interface EscalationSummary {
  total: number;
  byStage: StageCounts;
  /** Most first: the province holding up the most comes first. */
  byHomeProvince: ProvinceCounts[];
}

export interface DeadlineReport {
  /** Warned, not breached, unfinished. */
  atRisk: EscalationSummary;
  /** Breached and still unfinished. */
  breached: EscalationSummary;
}

const noStages = (): StageCounts => Object.fromEntries(DEADLINE_STAGES.map((stage) => [stage, 0])) as StageCounts;

function summarize(rows: EscalatedCount[]): EscalationSummary {
  const byStage = noStages();
  const provinces = new Map<string, ProvinceCounts>();
  let total = 0;
  for (const row of rows) {
    const stage = stageOf(row.status);
    if (!stage) continue;
    total += row.count;
    byStage[stage] += row.count;
    const p = provinces.get(row.homeProvince) ?? { homeProvince: row.homeProvince, total: 0, byStage: noStages() };
    p.total += row.count;
    p.byStage[stage] += row.count;
    provinces.set(row.homeProvince, p);
  }
  const byHomeProvince = [...provinces.values()].sort((a, b) => b.total - a.total || a.homeProvince.localeCompare(b.homeProvince));
  return { total, byStage, byHomeProvince };
}

/** Groups the counts by stage and by home (counterpart) province; finished applications are not counted. */
export function deadlineReport(rows: EscalatedCount[]): DeadlineReport {
  return {
    atRisk: summarize(rows.filter((r) => r.deadlineState === 'warned')),
    breached: summarize(rows.filter((r) => r.deadlineState === 'breached')),
  };
}
