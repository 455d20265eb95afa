/**
 * An HTTP client bound to one portal URL: every call goes over HTTP to a local runtime, through the
 * same handlers and DynamoDB Local as `npm start`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers; each test asserts the shape it reads
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A raw body string, sent as is (for malformed-JSON tests). */
  raw?: string;
}

export interface ApiClient {
  call(method: string, path: string, body?: unknown, options?: CallOptions): Promise<ApiResponse>;
  tokenFor(userId: string): Promise<string>;
  /** Calls as a demo user (by id, e.g. `ivan.sidorov`). */
  as(userId: string, method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Moves the runtime's clock (ISO 8601 duration) and waits until everything due has run. */
  advance(duration: string): Promise<string>;
  /** Waits until every workflow is finished or waiting (the clock does not move). */
  settle(): Promise<void>;
}

export function clientFor(baseUrl: string): ApiClient {
  const tokens = new Map<string, string>();
  const call: ApiClient['call'] = async (method, path, body, options = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers,
      body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, headers: response.headers, text };
  };
  const tokenFor = async (userId: string) => {
    const cached = tokens.get(userId);
    if (cached) return cached;
    const response = await call('POST', '/dev/token', { email: `${userId}@example.com` });
    if (response.status !== 200) throw new Error(`no token for ${userId}: ${response.text}`);
    tokens.set(userId, response.body.token);
    return response.body.token as string;
  };
  const advance = async (duration: string) => {
    const response = await call('POST', '/dev/clock', { advance: duration });
    if (response.status !== 200) throw new Error(`clock: ${response.text}`);
    return response.body.now as string;
  };
  return {
    call,
    tokenFor,
    as: async (userId, method, path, body) => call(method, path, body, { token: await tokenFor(userId) }),
    advance,
    settle: async () => void (await advance('PT0S')),
  };
}
