/** The signed-in user's profile: roles and teams from the token, the rest from the directory. */
import type { Principal } from '../domain/requests/model';
import type { Needs } from '../ports';

export async function myProfile(ports: Needs<'users'>, principal: Principal) {
  const stored = await ports.users.getUserWithDelegation(principal.id);
  const fromToken = { email: principal.email, name: principal.name, locale: principal.locale };
  const person = stored?.person;
  return {
    id: principal.id,
    ...(person ? { email: person.email, name: person.name, locale: person.locale } : fromToken),
    department: person?.department ?? null,
    managerId: person?.managerId ?? null,
    jobTitle: person?.jobTitle ?? null,
    teams: principal.teams,
    roles: principal.roles,
    delegation: stored?.delegation ?? null,
  };
}
