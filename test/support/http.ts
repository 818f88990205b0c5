import type { FastifyInstance } from 'fastify';

/** A tiny browser stand-in for inject(): keeps cookies and fills in the CSRF field from the page. */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();
  lastHtml = '';
  private lastCsrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | undefined): void {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.remember(response.headers['set-cookie']);
    this.seen(response.body);
    return response;
  }

  private seen(html: string): void {
    this.lastHtml = html;
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (match?.[1]) this.lastCsrf = match[1];
  }

  /** The CSRF token of the last page that had a form. */
  csrfToken(): string {
    if (!this.lastCsrf) throw new Error('No page with a form has been fetched yet');
    return this.lastCsrf;
  }

  /** Posts a form the way a browser would, with the CSRF token of the last page fetched. */
  async post(url: string, fields: Record<string, string | string[]>, options: { csrf?: boolean } = {}) {
    const params = new URLSearchParams();
    if (options.csrf !== false) params.append('_csrf', this.csrfToken());
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
    });
    this.remember(response.headers['set-cookie']);
    this.seen(response.body);
    return response;
  }
}

/** What a page says, without markup: for asserting on sentences a person reads. */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A browser signed in through the login form; fails the test if the sign-in is refused. */
export async function signedInBrowser(app: FastifyInstance, email: string, password: string): Promise<TestBrowser> {
  const browser = new TestBrowser(app);
  await browser.get('/en/login');
  const response = await browser.post('/en/login', { email, password });
  if (response.statusCode !== 303) throw new Error(`Signing in as ${email} answered ${response.statusCode}`);
  return browser;
}
