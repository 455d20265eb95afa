import { myProfile } from '../usecases/me';
import { clearDelegation, setDelegation } from '../usecases/delegation';
import { catalog } from '../usecases/catalog';
import { httpHandler } from './http';
import { parseWith } from './parse';
import { delegationBody } from './schemas';

export const handler = httpHandler(
  {
    'GET /me': async ({ principal }) => ({ status: 200, body: await myProfile(principal) }),
    'PUT /me/delegation': async ({ principal, body, locale }) => ({
      status: 200,
      body: await setDelegation(principal, parseWith(delegationBody, body, { locale }), locale),
    }),
    'DELETE /me/delegation': async ({ principal }) => {
      await clearDelegation(principal);
      return { status: 204 };
    },
  },
  {},
  catalog,
);
