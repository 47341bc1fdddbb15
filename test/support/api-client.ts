import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { confirmPendingSecret, forgetSecret, freshCode, rememberPendingSecret } from './authenticator.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A signed-in (or anonymous) API caller over app.inject: keeps the session cookie and sends the
 * CSRF token. Signing in answers two-step verification like a person with an authenticator app
 * (test/support/authenticator.ts).
 */
export class ApiClient {
  private cookie: string | null = null;
  /** The account signed in with, for the authenticator. */
  private email: string | null = null;
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
      ...(body !== undefined ? { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    const setCookie = response.cookies.find((c) => c.name.endsWith('tillit_session'));
    if (setCookie) this.cookie = setCookie.value ? `${setCookie.name}=${setCookie.value}` : null;
    if (this.email && response.statusCode === 200) this.noteEnrolment(url, response);
    return response;
  }

  /** Keeps the authenticator up to date with enrolments made through this client. */
  private noteEnrolment(url: string, response: LightMyRequestResponse): void {
    const email = this.email!;
    if (/\/(me|auth)\/mfa\/enrol$/.test(url)) rememberPendingSecret(email, (response.json() as { secret: string }).secret);
    else if (/\/(me|auth)\/mfa\/confirm$/.test(url)) confirmPendingSecret(email);
    else if (/\/me\/mfa\/disable$/.test(url)) forgetSecret(email);
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body: unknown = {}, headers?: Record<string, string>) => this.request('POST', url, body, headers);
  put = (url: string, body: unknown, headers?: Record<string, string>) => this.request('PUT', url, body, headers);
  patch = (url: string, body: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body, headers);

  /**
   * Signs in with a password and loads the CSRF token. Where the server asks, it sets up two-step
   * verification or answers with a code, and returns the last answer (`signed_in` when all went
   * well). A step it cannot take – a new password after a temporary one, a code for a secret it does
   * not know – is left to the test, with that step's answer returned.
   */
  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    this.email = email.trim().toLowerCase();
    let response = await this.post('/auth/login', { email, password });
    for (let step = 0; step < 3 && response.statusCode === 200; step++) {
      await this.refreshSession();
      const status = (response.json() as { status: string }).status;
      if (status === 'mfa_enrolment_required') {
        const enrolment = await this.post('/auth/mfa/enrol', {});
        if (enrolment.statusCode !== 200) return enrolment;
        response = await this.post('/auth/mfa/confirm', { code: await freshCode(this.email, 'pending') });
      } else if (status === 'mfa_required') {
        const code = await freshCode(this.email);
        if (code === null) return response;
        response = await this.post('/auth/mfa/verify', { code });
      } else {
        break;
      }
    }
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
