import { clock } from '../adapters/clock';
import { absenceStore } from '../adapters/store/absences';
import { userStore } from '../adapters/store/users';
import { myProfile } from '../usecases/me';
import { clearDelegation, setDelegation } from '../usecases/delegation';
import { catalog } from '../usecases/catalog';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { delegationBody } from './schemas';

const ports = { clock, directory: catalog, users: userStore, absences: absenceStore };

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
