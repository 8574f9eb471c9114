import { NotAllowed, Principal } from '@idcard/access';

/** The office a clerk acts for, from the token: loss reports, found cards and temporary IDs are taken there. */
export function clerkOffice(clerk: Principal): string {
  if (clerk.role !== 'clerk' || !clerk.office) throw new NotAllowed('this is done by a clerk at the counter of a receiving office', { roles: ['clerk'] });
  return clerk.office;
}
