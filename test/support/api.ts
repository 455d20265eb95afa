/**
 * The API client of the shared local runtime (started once by global-setup.ts): every call goes over
 * HTTP through the same handlers and DynamoDB Local as `npm start`. Tests that move the clock start
 * a runtime of their own instead (isolated-runtime.ts).
 */
import { inject } from 'vitest';
import { clientFor, type ApiClient } from './client';

export type { ApiResponse, CallOptions } from './client';

export const baseUrl = () => inject('baseUrl');

let shared: ApiClient | undefined;
const client = () => (shared ??= clientFor(baseUrl()));

export const call: ApiClient['call'] = (...args) => client().call(...args);
export const tokenFor: ApiClient['tokenFor'] = (userId) => client().tokenFor(userId);
export const as: ApiClient['as'] = (...args) => client().as(...args);
/** Waits until every workflow started so far is finished or waiting (never moves the shared clock). */
export const settle: ApiClient['settle'] = () => client().settle();
