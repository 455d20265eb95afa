/**
 * Automatic assignment: the least-loaded available agent of the team (fewest open requests
 * assigned), skipping people who are absent or have handed their work to a delegate; ties are
 * broken round-robin by a team counter.
 */
import type { Person } from '../catalog/schema';

export interface AssignmentChoice {
  assignee: Person;
  reason: {
    strategy: 'least-loaded' | 'round-robin';
    openAssigned: number;
    candidates: number;
    skipped: { id: string; reason: 'absent' }[];
  };
}

export function pickAssignee(
  agents: readonly Person[],
  load: ReadonlyMap<string, number>,
  absent: ReadonlySet<string>,
  options: { strategy: 'least-loaded' | 'round-robin'; rotation: number },
): AssignmentChoice | undefined {
  const skipped = agents.filter((a) => absent.has(a.id)).map((a) => ({ id: a.id, reason: 'absent' as const }));
  const available = agents.filter((a) => !absent.has(a.id));
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
