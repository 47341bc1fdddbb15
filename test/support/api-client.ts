import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in (or anonymous) API caller over app.inject: keeps the session cookie and sends the CSRF token. */
export class ApiClient {
  private cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '10.0.0.1',
  ) {}

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method,
      url:
        url.startsWith('/') && !url.startsWith('/api/') && !url.startsWith('/healthz') && !url.startsWith('/readyz')
          ? `/api/v1${url}`
          : url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const setCookie = response.cookies.find((c) => c.name.endsWith('tillit_session'));
    if (setCookie) this.cookie = setCookie.value ? `${setCookie.name}=${setCookie.value}` : null;
    return response;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body: unknown = {}, headers?: Record<string, string>) => this.request('POST', url, body, headers);
  put = (url: string, body: unknown, headers?: Record<string, string>) => this.request('PUT', url, body, headers);
  patch = (url: string, body: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body, headers);

  /** Signs in with a password (and a TOTP code when asked for) and loads the CSRF token. */
  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.post('/auth/login', { email, password });
    if (response.statusCode === 200) await this.refreshSession();
    return response;
  }

  async refreshSession(): Promise<void> {
    const session = await this.get('/auth/session');
    this.csrfToken = session.statusCode === 200 ? (session.json() as { csrfToken: string }).csrfToken : null;
  }

  get sessionCookie(): string | null {
    return this.cookie;
  }
  set sessionCookie(value: string | null) {
    this.cookie = value;
  }
}

/** A client on `app`, signed in as the staff member. */
export async function signedInClient(
  app: ConstructorParameters<typeof ApiClient>[0],
  who: { email: string; password: string },
): Promise<ApiClient> {
  const client = new ApiClient(app);
  await client.signIn(who.email, who.password);
  return client;
}
