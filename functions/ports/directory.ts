/**
 * The people and the org chart: who someone is, their manager, their teams and approval roles. Today
 * the company configuration answers (catalog/directory.ts); the port is what every rule reads, so the
 * source can change without them.
 */
import type { Catalog } from '../domain/catalog/catalog';

export type Directory = Pick<
  Catalog,
  'person' | 'personByEmail' | 'people' | 'holdersOf' | 'team' | 'department' | 'teamMembers'
>;
