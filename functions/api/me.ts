import { myProfile } from '../usecases/me';
import { httpHandler } from '../shared/http';

export const handler = httpHandler({
  'GET /me': async ({ principal }) => ({ status: 200, body: await myProfile(principal) }),
});
