import { DeadlineBreached, DeadlineWarning, MessageType } from '@idcard/contracts';
import type { ProductionOrderState } from './production-order';

/** The receiving office's report on an order's 60-day limit: 1 warned (near due), 2 breached. */
export type EscalationLevel = 1 | 2;

export type DeadlineMessageType = typeof MessageType.DeadlineWarning | typeof MessageType.DeadlineBreached;

/** A DeadlineWarning or DeadlineBreached as the centre keeps it until it reaches its order. */
export interface DeadlineReport {
  escalation: EscalationLevel;
  type: DeadlineMessageType;
  payload: DeadlineWarning | DeadlineBreached;
}

export function deadlineReport(type: DeadlineMessageType, payload: DeadlineWarning | DeadlineBreached): DeadlineReport {
  return { escalation: type === MessageType.DeadlineBreached ? 2 : 1, type, payload };
}

export const ESCALATION_NAMES: Record<0 | EscalationLevel, 'none' | 'warned' | 'breached'> = { 0: 'none', 1: 'warned', 2: 'breached' };

/** A later report replaces the kept one unless it is milder (a warning delivered after the breach). */
export function replacesKept(incoming: EscalationLevel, kept: EscalationLevel | null): boolean {
  return kept === null || incoming >= kept;
}

export type EscalationAction =
  /** The order has not reached this centre: kept, and applied when it arrives. */
  | 'keep'
  /** Queued: to the front of the queue, and expedited so its card ships alone at once. */
  | 'expedite'
  /** Forwarded to the centre that prints its script: the report follows it there. */
  | 'pass-on'
  /** Produced and still in an open shipment: that shipment leaves now instead of waiting to fill. */
  | 'ship-at-once'
  /** Produced and on its way: nothing left to hurry here. */
  | 'already-shipped';

/** How an applied report is recorded (deadline_escalation.applied_as, GET /escalations). */
export const APPLIED_AS: Record<Exclude<EscalationAction, 'keep'>, 'expedited' | 'passed_on' | 'shipped_at_once' | 'already_shipped'> = {
  expedite: 'expedited',
  'pass-on': 'passed_on',
  'ship-at-once': 'shipped_at_once',
  'already-shipped': 'already_shipped',
};
export type AppliedAs = (typeof APPLIED_AS)[keyof typeof APPLIED_AS];

export function escalationAction(state: ProductionOrderState | null, shipmentOpen: boolean): EscalationAction {
  if (state === null) return 'keep';
  if (state === 'queued') return 'expedite';
  if (state === 'forwarded') return 'pass-on';
  return shipmentOpen ? 'ship-at-once' : 'already-shipped';
}
