/** Which kind of handler the current async call chain belongs to (API call or workflow task). */
import { AsyncLocalStorage } from 'node:async_hooks';

export type InvocationKind = 'api' | 'task' | 'stream';
export const invocation = new AsyncLocalStorage<InvocationKind>();
