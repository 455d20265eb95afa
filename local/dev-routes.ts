/** Local-only helpers under /api/dev (absent from the cloud build): demo sign-in and the directory. */
import { catalog } from '../functions/usecases/catalog';
import type { DevRoute } from './api-server';
import type { LocalIssuer } from './issuer';

const publicPerson = (p: (typeof catalog.data.directory)[number]) => ({
  id: p.id,
  email: p.email,
  name: p.name,
  locale: p.locale,
  department: p.department,
  managerId: p.managerId,
  teams: p.teams,
  roles: p.roles,
  jobTitle: p.jobTitle ?? null,
});

export function devRoutes(issuer: LocalIssuer): DevRoute[] {
  return [
    {
      method: 'POST',
      path: '/dev/token',
      async handle(body) {
        const { email, name } = (body ?? {}) as { email?: unknown; name?: unknown };
        const found = typeof email === 'string' ? catalog.personByEmail(email) : undefined;
        // `name` overrides the display name in the token: tests use it to play a hostile user name.
        const person = found && typeof name === 'string' && name.length > 0 ? { ...found, name } : found;
        if (!person)
          return {
            status: 404,
            body: {
              error: {
                code: 'not_found',
                message: 'No demo user with that e-mail',
                details: [{ path: 'email', message: 'unknown' }],
              },
            },
          };
        return { status: 200, body: { token: await issuer.sign(person) } };
      },
    },
    {
      method: 'GET',
      path: '/dev/users',
      handle: async () => ({ status: 200, body: { items: catalog.data.directory.map(publicPerson) } }),
    },
  ];
}
