import { clock } from '../adapters/clock';
import { deleteDelegation, putDelegation } from '../adapters/store/absences';
import { getUserWithDelegation } from '../adapters/store/users';
import { myProfile } from '../usecases/me';
import { clearDelegation, setDelegation } from '../usecases/delegation';
import { catalog } from '../usecases/catalog';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { delegationBody } from './schemas';

// Only calls on the caller's own USER#<id> items: what the function's IAM scope allows (F10).
const ports = {
  clock,
  directory: catalog,
  users: { getUserWithDelegation },
  absences: { putDelegation, deleteDelegation },
};

export const handler = httpHandler(
  {
    'GET /me': async ({ principal }) => ({ status: 200, body: await myProfile(ports, principal) }),
    'PUT /me/delegation': async ({ principal, body, locale }) => ({
      status: 200,
      body: await setDelegation(ports, principal, parseWith(delegationBody, body, { locale }), locale),
    }),
    'DELETE /me/delegation': async ({ principal }) => {
      await clearDelegation(ports, principal);
      return { status: 204 };
    },
  },
  {},
  catalog,
);
