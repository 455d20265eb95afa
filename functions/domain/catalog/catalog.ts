/**
 * Loads and cross-checks the catalog: zod checks each entry's shape, then every reference between
 * entries (teams, calendars, people, roles, fields named by conditions) is resolved here, so a
 * broken catalog fails at start-up, in `npm test` and in `cdk synth` with the service and field named.
 */
import type * as z from 'zod/mini';
import {
  catalogSchema,
  type ApprovalStage,
  type Calendar,
  type CatalogData,
  type Condition,
  type Department,
  type Field,
  type Person,
  type Service,
  type Team,
} from './schema';

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`The catalog is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'CatalogError';
  }
}

export interface Catalog {
  readonly data: CatalogData;
  readonly services: readonly Service[];
  service(id: string): Service | undefined;
  team(id: string): Team | undefined;
  calendar(id: string): Calendar | undefined;
  department(id: string): Department | undefined;
  person(id: string): Person | undefined;
  personByEmail(email: string): Person | undefined;
  /** Everyone in the directory. */
  people(): readonly Person[];
  /** People holding an approval role such as `cfo`. */
  holdersOf(approvalRole: string): Person[];
  teamMembers(teamId: string): Person[];
}

export function loadCatalog(input: unknown): Catalog {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) throw new CatalogError(parsed.error.issues.map((issue) => describeIssue(input, issue)));
  const data = parsed.data;
  const problems = crossCheck(data);
  if (problems.length > 0) throw new CatalogError(problems);
  return indexCatalog(data);
}

/** Names the entity at fault by its id (e.g. `services[vacation].fields[period].label.ru`). */
function describeIssue(input: unknown, issue: z.core.$ZodIssue): string {
  let node: unknown = input;
  const parts: string[] = [];
  for (const key of issue.path) {
    const next = (node as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    const id = (next as { id?: unknown } | undefined)?.id;
    if (typeof key === 'number' && typeof id === 'string') parts.push(`[${id}]`);
    else parts.push(typeof key === 'number' ? `[${key}]` : `${parts.length ? '.' : ''}${String(key)}`);
    node = next;
  }
  return `${parts.join('') || '(root)'}: ${issue.message}`;
}

function crossCheck(data: CatalogData): string[] {
  const people = new Map(data.directory.map((p) => [p.id, p]));
  const teams = new Set(data.teams.map((t) => t.id));
  const problems: string[] = [];
  const duplicates = (kind: string, ids: string[]) =>
    ids.filter((id, i) => ids.indexOf(id) !== i).forEach((id) => problems.push(`${kind}[${id}]: duplicate id`));
  duplicates(
    'services',
    data.services.map((s) => s.id),
  );
  duplicates(
    'teams',
    data.teams.map((t) => t.id),
  );
  duplicates(
    'directory',
    data.directory.map((p) => p.id),
  );
  duplicates(
    'directory',
    data.directory.map((p) => p.email.toLowerCase()),
  );
  checkDirectory(data, people, teams, problems);
  for (const service of data.services) problems.push(...checkService(service, data, people));
  return problems;
}

function checkDirectory(data: CatalogData, people: Map<string, Person>, teams: Set<string>, problems: string[]) {
  const calendars = new Set(data.calendars.map((c) => c.id));
  if (!calendars.has(data.company.defaultCalendar))
    problems.push(`company.defaultCalendar: unknown calendar ${data.company.defaultCalendar}`);
  for (const team of data.teams) {
    if (!people.get(team.leadId)?.teams.includes(team.id))
      problems.push(`teams[${team.id}].leadId: ${team.leadId} is not a member of the team`);
  }
  for (const dep of data.departments) {
    if (!people.has(dep.headId)) problems.push(`departments[${dep.id}].headId: unknown person ${dep.headId}`);
  }
  checkPeople(data, people, teams, problems);
  if (!data.directory.some((p) => p.roles.includes('admin'))) problems.push('directory: nobody has the admin role');
}

function checkPeople(data: CatalogData, people: Map<string, Person>, teams: Set<string>, problems: string[]) {
  const departments = new Set(data.departments.map((d) => d.id));
  for (const person of data.directory) {
    const at = `directory[${person.id}]`;
    if (!departments.has(person.department)) problems.push(`${at}.department: unknown department ${person.department}`);
    if (person.managerId !== null && !people.has(person.managerId))
      problems.push(`${at}.managerId: unknown person ${person.managerId}`);
    for (const team of person.teams) if (!teams.has(team)) problems.push(`${at}.teams: unknown team ${team}`);
  }
}

function checkService(service: Service, data: CatalogData, people: Map<string, Person>): string[] {
  const at = `services[${service.id}]`;
  const problems: string[] = [];
  if (!data.teams.some((t) => t.id === service.team)) problems.push(`${at}.team: unknown team ${service.team}`);
  if (!data.calendars.some((c) => c.id === service.sla.calendar))
    problems.push(`${at}.sla.calendar: unknown calendar ${service.sla.calendar}`);
  const seen = new Map<string, Field>();
  for (const field of service.fields) {
    if (seen.has(field.id)) problems.push(`${at}.fields[${field.id}]: duplicate field id`);
    if (field.showIf) problems.push(...checkCondition(field.showIf, seen, `${at}.fields[${field.id}].showIf`));
    problems.push(...checkOptions(field, `${at}.fields[${field.id}]`));
    seen.set(field.id, field);
  }
  problems.push(...checkSummary(service.summary, seen, `${at}.summary`));
  const beneficiaries = service.fields.filter((f) => f.kind === 'user' && f.beneficiary).map((f) => f.id);
  if (beneficiaries.length > 1)
    problems.push(`${at}.fields: one beneficiary field at most, not ${beneficiaries.join(', ')}`);
  const stageIds = new Set<string>();
  for (const stage of service.approvals) {
    const stageAt = `${at}.approvals[${stage.id}]`;
    if (stageIds.has(stage.id)) problems.push(`${stageAt}: duplicate stage id`);
    stageIds.add(stage.id);
    if (stage.when) problems.push(...checkCondition(stage.when, seen, `${stageAt}.when`));
    problems.push(...checkApprovers(stage, data, people, stageAt));
  }
  return problems;
}

function checkSummary(summary: string[], fields: Map<string, Field>, at: string): string[] {
  const unknown = summary.filter((id) => !fields.has(id)).map((id) => `${at}: unknown field ${id}`);
  return new Set(summary).size < summary.length ? [...unknown, `${at}: a field named twice`] : unknown;
}

function checkOptions(field: Field, at: string): string[] {
  if (field.kind !== 'select' && field.kind !== 'multiselect') return [];
  const values = field.options.map((o) => o.value);
  return values.filter((v, i) => values.indexOf(v) !== i).map((v) => `${at}.options: duplicate value ${v}`);
}

function checkCondition(condition: Condition, earlier: Map<string, Field>, at: string): string[] {
  const field = earlier.get(condition.field);
  if (!field) return [`${at}: refers to field ${condition.field}, which is not declared before it`];
  const numeric = ['gt', 'gte', 'lt', 'lte'].some((op) => op in condition);
  if (numeric && field.kind !== 'number' && field.kind !== 'money')
    return [`${at}: numeric comparison on ${field.kind} field ${condition.field}`];
  return [];
}

function checkApprovers(stage: ApprovalStage, data: CatalogData, people: Map<string, Person>, at: string): string[] {
  return stage.approvers.flatMap((rule) => {
    const [kind, ref = ''] = rule.split(':');
    if (kind === 'user' && !people.has(ref)) return [`${at}.approvers: unknown person ${ref}`];
    if (kind === 'team-lead' && !data.teams.some((t) => t.id === ref)) return [`${at}.approvers: unknown team ${ref}`];
    if (kind === 'role' && !data.directory.some((p) => p.approvalRoles.includes(ref)))
      return [`${at}.approvers: nobody holds the approval role ${ref}`];
    return [];
  });
}

function indexCatalog(data: CatalogData): Catalog {
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
  const services = byId(data.services);
  const teams = byId(data.teams);
  const calendars = byId(data.calendars);
  const departments = byId(data.departments);
  const people = byId(data.directory);
  const byEmail = new Map(data.directory.map((p) => [p.email.toLowerCase(), p]));
  return {
    data,
    services: data.services,
    service: (id) => services.get(id),
    team: (id) => teams.get(id),
    calendar: (id) => calendars.get(id),
    department: (id) => departments.get(id),
    person: (id) => people.get(id),
    personByEmail: (email) => byEmail.get(email.toLowerCase()),
    people: () => data.directory,
    holdersOf: (role) => data.directory.filter((p) => p.approvalRoles.includes(role)),
    teamMembers: (teamId) => data.directory.filter((p) => p.teams.includes(teamId)),
  };
}
