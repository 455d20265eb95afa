/** Setting and clearing my delegation: who decides my approvals, and when. */
import type { Locale } from '../domain/catalog/schema';
import { validationFailed } from '../domain/errors';
import { t, type MessageKey } from '../domain/i18n';
import type { Principal } from '../domain/requests/model';
import type { AbsenceStore, Delegation, Needs } from '../ports';
import { todayUtc } from './org';

/**
 * Only a person's own delegation item (USER#<id>): in the cloud the `me` function may touch nothing
 * else (IAM LeadingKeys), so it is handed these two calls and no other.
 */
export type OwnDelegation = { absences: Pick<AbsenceStore, 'putDelegation' | 'deleteDelegation'> };

/** A delegation is for an absence, not a standing proxy: at most this many days. */
export const MAX_DELEGATION_DAYS = 90;

const daysBetween = (from: string, until: string) => (Date.parse(until) - Date.parse(from)) / 86_400_000;

function delegationProblem(
  ports: Needs<'clock' | 'directory'>,
  principal: Principal,
  input: Delegation,
): { path: string; key: MessageKey } | undefined {
  const delegate = ports.directory.person(input.delegateId);
  if (!delegate) return { path: 'delegateId', key: 'delegateUnknown' };
  if (input.delegateId === principal.id) return { path: 'delegateId', key: 'delegateSelf' };
  // Only someone who may approve decides in another's place.
  if (!delegate.roles.includes('approver')) return { path: 'delegateId', key: 'delegateNotApprover' };
  // Delegations are whole UTC days.
  const today = todayUtc(ports.clock);
  if (input.until < input.from || input.until < today) return { path: 'until', key: 'delegationDates' };
  if (daysBetween(input.from, input.until) > MAX_DELEGATION_DAYS) return { path: 'until', key: 'delegationTooLong' };
  return undefined;
}

export async function setDelegation(
  ports: OwnDelegation & Needs<'clock' | 'directory'>,
  principal: Principal,
  input: Delegation,
  locale: Locale,
) {
  const problem = delegationProblem(ports, principal, input);
  if (problem)
    throw validationFailed(t(locale, 'invalidInput'), [
      { path: problem.path, message: t(locale, problem.key, { max: MAX_DELEGATION_DAYS }) },
    ]);
  await ports.absences.putDelegation(principal.id, input);
  return input;
}

export const clearDelegation = (ports: OwnDelegation, principal: Principal) =>
  ports.absences.deleteDelegation(principal.id);
