import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../catalog';
import { CatalogError, loadCatalog } from '../../functions/domain/catalog/catalog';
import { CATEGORIES } from '../../functions/domain/catalog/schema';

const clone = () => structuredClone(demoCatalog) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests break the catalog on purpose

function problemsOf(mutate: (c: ReturnType<typeof clone>) => void): string {
  const broken = clone();
  mutate(broken);
  try {
    loadCatalog(broken);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as Error).message;
  }
  throw new Error('the broken catalog loaded');
}

describe('the demo catalog', () => {
  const catalog = loadCatalog(demoCatalog);

  it('should load and cover every category with ru and en texts', () => {
    expect(catalog.services.length).toBeGreaterThanOrEqual(12);
    expect(new Set(catalog.services.map((s) => s.category))).toEqual(new Set(CATEGORIES));
  });

  it('should use every field kind', () => {
    const kinds = new Set(catalog.services.flatMap((s) => s.fields.map((f) => f.kind)));
    expect([...kinds].sort()).toEqual(
      [
        'checkbox',
        'date',
        'dateRange',
        'email',
        'money',
        'multiselect',
        'number',
        'select',
        'text',
        'textarea',
        'user',
      ].sort(),
    );
  });

  it('should have a directory of 30+ people in 6 teams with an admin', () => {
    expect(catalog.data.directory.length).toBeGreaterThanOrEqual(30);
    expect(catalog.data.teams.map((t) => t.id).sort()).toEqual([
      'finance',
      'hr',
      'it',
      'legal',
      'office',
      'procurement',
    ]);
    for (const team of catalog.data.teams) expect(catalog.teamMembers(team.id).length).toBeGreaterThanOrEqual(2);
    expect(catalog.data.directory.some((p) => p.roles.includes('admin'))).toBe(true);
  });
});

describe('a broken catalog', () => {
  it('should name the service and field with a bad shape', () => {
    const message = problemsOf((c) => (c.services[0].fields[0].label = { en: 'Only English' }));
    expect(message).toContain(
      `services[${demoCatalog.services[0]?.id}].fields[${demoCatalog.services[0]?.fields[0]?.id}].label.ru`,
    );
  });

  it('should name a showIf that refers to an unknown or later field', () => {
    const message = problemsOf((c) => (c.services[0].fields[0].showIf = { field: 'nowhere', eq: 'x' }));
    expect(message).toMatch(/fields\[\w+\]\.showIf: refers to field nowhere/);
  });

  it('should name an unknown team, calendar and approver', () => {
    const message = problemsOf((c) => {
      c.services[1].team = 'ghosts';
      c.services[1].sla.calendar = 'mars';
      c.services[1].approvals = [{ id: 'x', title: { en: 'X', ru: 'Х' }, approvers: ['role:wizard', 'user:nobody'] }];
    });
    expect(message).toContain(`services[${demoCatalog.services[1]?.id}].team: unknown team ghosts`);
    expect(message).toContain('unknown calendar mars');
    expect(message).toContain('nobody holds the approval role wizard');
    expect(message).toContain('unknown person nobody');
  });

  it('should reject duplicate ids and a numeric condition on text', () => {
    const message = problemsOf((c) => {
      c.services.push(structuredClone(c.services[0]));
      c.services[2].approvals = [
        {
          id: 'a',
          title: { en: 'A', ru: 'А' },
          approvers: ['manager'],
          when: { field: c.services[2].fields[0].id, gt: 5 },
        },
      ];
    });
    expect(message).toContain('duplicate id');
  });
});
