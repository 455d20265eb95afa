/**
 * Counting bad inputs honestly: a suite keeps one table of cases, each tagged with the *kind* of input
 * it is, sends them all up front, then reports one test per kind, named with its case count and the
 * property every case of it must have. A kind's test judges every one of its cases and, if any fail,
 * fails with the list of them (route and variant, and what went wrong), not just the first.
 */
import { assert, it } from 'vitest';
import type { ApiResponse } from './api';

/** What a kind's test needs of a case. */
export interface KindCase {
  kind: string;
  /** The route under attack, as the route table names it (`GET /requests/{id}`). */
  route: string;
  /** Unique within the suite: the case's name in a failure report. */
  name: string;
}

/** A kind of input: its title in the report, and the property its cases must have (in words). */
export interface KindSpec<C extends KindCase = KindCase> {
  title: string;
  property: string | ((cases: readonly C[]) => string);
}

/** The kinds a suite reports, in order. */
export type Kinds<C extends KindCase> = Record<string, KindSpec<C>>;

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the answers. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The cases of each kind, in the order `kinds` lists them; a case of a kind not listed is an error. */
export function byKind<C extends KindCase>(cases: readonly C[], kinds: Kinds<C>): Map<string, C[]> {
  const groups = new Map<string, C[]>(Object.keys(kinds).map((kind) => [kind, []]));
  for (const c of cases) {
    const group = groups.get(c.kind);
    if (!group) throw new Error(`${c.name}: kind "${c.kind}" is not listed`);
    group.push(c);
  }
  for (const [kind, group] of groups) if (group.length === 0) groups.delete(kind);
  return groups;
}

const routesOf = (cases: readonly KindCase[]) => new Set(cases.map((c) => c.route)).size;

/** `oversized and deeply nested bodies: 180 cases on 9 routes, no 5xx, error shape, no leak` */
export function kindTitle<C extends KindCase>(spec: KindSpec<C>, cases: readonly C[]): string {
  const routes = routesOf(cases);
  const where = routes > 1 ? `on ${routes} routes` : `on ${cases[0]?.route ?? 'no route'}`;
  const property = typeof spec.property === 'function' ? spec.property(cases) : spec.property;
  return `${spec.title}: ${cases.length} cases ${where}, ${property}`;
}

/** One line per failing case; long answers cut, so a kind that fails wholesale still reads. */
const failureLine = (c: KindCase, error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return `  - ${c.name}: ${oneLine.length > 600 ? `${oneLine.slice(0, 600)}…` : oneLine}`;
};

/**
 * One `it` per kind. `judge` throws (an assertion) when a case lacks the property; every case of the
 * kind is judged, and the test fails listing each case that did not hold.
 */
export function itPerKind<C extends KindCase>(cases: readonly C[], kinds: Kinds<C>, judge: (c: C) => void): void {
  for (const [kind, group] of byKind(cases, kinds)) {
    const spec = kinds[kind] as KindSpec<C>;
    it(kindTitle(spec, group), () => {
      const failures: string[] = [];
      for (const c of group)
        try {
          judge(c);
        } catch (error) {
          failures.push(failureLine(c, error));
        }
      if (failures.length > 0)
        assert.fail(`${failures.length} of ${group.length} ${spec.title} cases failed:\n${failures.join('\n')}`);
    });
  }
}

/** The answer a case got, or what kept it from getting one. */
export type Outcome = ApiResponse | Error;

/** `hostile inputs: 2100 cases in 14 kinds across 17 routes, 0 5xx` (and how many went unanswered, if any). */
export function summaryLine<C extends KindCase>(
  suite: string,
  cases: readonly C[],
  kinds: Kinds<C>,
  outcomes: ReadonlyMap<string, Outcome>,
): string {
  const answers = cases.map((c) => outcomes.get(c.name));
  const serverErrors = answers.filter((a) => a !== undefined && !(a instanceof Error) && a.status >= 500).length;
  const unanswered = answers.filter((a) => a === undefined || a instanceof Error).length;
  const counted = `${cases.length} cases in ${byKind(cases, kinds).size} kinds across ${routesOf(cases)} routes`;
  return `${suite}: ${counted}, ${serverErrors} 5xx${unanswered > 0 ? `, ${unanswered} unanswered` : ''}`;
}
