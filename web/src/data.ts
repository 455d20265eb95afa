/** Loads shared by pages (the catalog, the directory) and the async-state hook every page uses. */
import { useEffect, useState } from 'preact/hooks';
import { api, get } from './api/client';
import type { Locale, Person, Service } from './api/types';

const services = new Map<Locale, Promise<Service[]>>();
let directory: Promise<Person[] | null> | null = null;

/** The catalog's texts in `locale`, whatever the reader's language (kept per language). */
export function loadServices(locale: Locale): Promise<Service[]> {
  let pending = services.get(locale);
  if (!pending) {
    pending = get<{ items: Service[] }>('/services', { locale }).then((page) => page.items);
    pending.catch(() => services.delete(locale));
    services.set(locale, pending);
  }
  return pending;
}

export async function loadService(id: string, locale: Locale): Promise<Service> {
  const cached = services.has(locale) ? (await loadServices(locale)).find((s) => s.id === id) : undefined;
  return cached ?? get<Service>(`/services/${encodeURIComponent(id)}`, { locale });
}

/**
 * The people directory (the fixed demo users first, as the directory lists them). Only the local runtime lists it (GET /api/dev/users); in the
 * cloud there is no directory endpoint yet, so pickers fall back to typing an id.
 */
export function loadDirectory(local: boolean): Promise<Person[] | null> {
  if (!local) return Promise.resolve(null);
  directory ??= api<{ items: Person[] }>('GET', '/dev/users', undefined, { anonymous: true }).then(
    (page) => page.items,
    () => null,
  );
  return directory;
}

/** People by name, for pickers. */
export const byName = (people: Person[]) => [...people].sort((a, b) => a.name.localeCompare(b.name));

/** A person as a picker lists them: "Anna Petrova — HR manager". */
export const personLabel = (person: Person, locale: Locale) =>
  person.jobTitle ? `${person.name} — ${person.jobTitle[locale]}` : person.name;

/** The agents of a team, by name: who a request of the team can be assigned to. */
export const teamAgents = (people: Person[], team: string) =>
  byName(people).filter((p) => p.teams.includes(team) && p.roles.includes('agent'));

export function clearCaches() {
  services.clear();
  directory = null;
}

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change; keeps the previous data while reloading (no flashing). */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setRound((n) => n + 1) };
}
