/**
 * A minimal HTTP client for the benchmarks: calls go over HTTP to the in-process runtime, through
 * the same handlers and DynamoDB Local as `npm start`. Tokens come from /api/dev/token (cached,
 * never measured).
 */

/** One API call, described as data so operations can prepare them ahead of the measured window. */
export interface ApiCall {
  /** Demo user id (e.g. `ivan.sidorov`); omitted for public routes. */
  as?: string;
  method: 'GET' | 'POST';
  /** Relative to /api, e.g. `/requests?view=mine`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The HTTP status a correct answer has. */
  expect: number;
}

export interface ApiAnswer {
  status: number;
  text: string;
}

export class ApiClient {
  private readonly tokens = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** A token for a demo user, fetched once. */
  async token(userId: string): Promise<string> {
    const cached = this.tokens.get(userId);
    if (cached) return cached;
    const answer = await this.raw(
      'POST',
      '/dev/token',
      { 'content-type': 'application/json' },
      {
        email: `${userId}@example.com`,
      },
    );
    if (answer.status !== 200) throw new Error(`no token for ${userId}: ${answer.status} ${answer.text}`);
    const token = (JSON.parse(answer.text) as { token: string }).token;
    this.tokens.set(userId, token);
    return token;
  }

  /** Resolves everything a call needs (the token) so that `send` is only the HTTP round trip. */
  async headersFor(call: ApiCall): Promise<Record<string, string>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...call.headers };
    if (call.as) headers.authorization = `Bearer ${await this.token(call.as)}`;
    return headers;
  }

  async send(call: ApiCall, headers?: Record<string, string>): Promise<ApiAnswer> {
    return this.raw(call.method, call.path, headers ?? (await this.headersFor(call)), call.body);
  }

  /** Sends and checks the status; for setup steps, whose answers are needed. */
  async expectJson<T>(call: ApiCall): Promise<T> {
    const answer = await this.send(call);
    if (answer.status !== call.expect)
      throw new Error(`${call.method} ${call.path} as ${call.as ?? '-'}: ${answer.status} ${answer.text}`);
    return JSON.parse(answer.text) as T;
  }

  private async raw(method: string, path: string, headers: Record<string, string>, body: unknown): Promise<ApiAnswer> {
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }
}
