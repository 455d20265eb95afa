import { getUserWithDelegation } from '../adapters/store/users';
import { httpHandler } from '../shared/http';

export const handler = httpHandler({
  'GET /me': async ({ principal }) => {
    const stored = await getUserWithDelegation(principal.id);
    const person = stored?.person;
    return {
      status: 200,
      body: {
        id: principal.id,
        email: person?.email ?? principal.email,
        name: person?.name ?? principal.name,
        locale: person?.locale ?? principal.locale,
        department: person?.department ?? null,
        managerId: person?.managerId ?? null,
        jobTitle: person?.jobTitle ?? null,
        teams: principal.teams,
        roles: principal.roles,
        delegation: stored?.delegation ?? null,
      },
    };
  },
});
