/**
 * Automatic assignment: the least-loaded available agent of the team (fewest open requests
 * assigned), skipping people who are absent or have handed their work to a delegate, and those
 * segregation of duties excludes (the requester; where the service says so, its approvers); ties
 * are broken round-robin by a team counter.
 */
import type { Person } from '../catalog/schema';
import type { FulfilmentExclusion } from '../requests/segregation';

export type SkipReason = 'absent' | FulfilmentExclusion;

export interface AssignmentChoice {
  assignee: Person;
  reason: {
    strategy: 'least-loaded' | 'round-robin';
    openAssigned: number;
    candidates: number;
    skipped: { id: string; reason: SkipReason }[];
  };
}

export function pickAssignee(
  agents: readonly Person[],
  load: ReadonlyMap<string, number>,
  absent: ReadonlySet<string>,
  options: {
    strategy: 'least-loaded' | 'round-robin';
    rotation: number;
    /** Team members who may not fulfil this request, and why (segregation of duties). */
    excluded?: ReadonlyMap<string, FulfilmentExclusion>;
  },
): AssignmentChoice | undefined {
  const skipReason = (a: Person): SkipReason | undefined =>
    options.excluded?.get(a.id) ?? (absent.has(a.id) ? 'absent' : undefined);
  const skipped = agents.flatMap((a) => {
    const reason = skipReason(a);
    return reason ? [{ id: a.id, reason }] : [];
  });
  const available = agents.filter((a) => !skipReason(a));
  if (available.length === 0) return undefined;
  const loadOf = (a: Person) => (options.strategy === 'least-loaded' ? (load.get(a.id) ?? 0) : 0);
  const lowest = Math.min(...available.map(loadOf));
  const ties = available.filter((a) => loadOf(a) === lowest).sort((a, b) => a.id.localeCompare(b.id));
  const assignee = ties[options.rotation % ties.length] as Person;
  return {
    assignee,
    reason: {
      strategy: options.strategy,
      openAssigned: load.get(assignee.id) ?? 0,
      candidates: available.length,
      skipped,
    },
  };
}
