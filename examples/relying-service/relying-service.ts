/**
 * "Demo tax portal": an online service that lets a representative act for someone, using a mandate
 * from Zesummen. It shows the whole check a relying service makes:
 *
 * 1. The representative arrives from Zesummen at /callback?delegation_code=… (a plain link).
 * 2. The service's backend exchanges the code at the platform's token endpoint, authenticating
 *    with its own client id and secret, asking for the scope this page needs.
 * 3. It verifies the JWT it gets back against the platform's published keys (JWKS): signature,
 *    algorithm, issuer, audience, expiry; then that an `act` claim is present (it is dealing
 *    with a representative, not the person themself) and that the scope covers what it will do.
 *
 * It depends only on Node.js and `jose`, so it can be copied out of this repository.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

export interface RelyingServiceConfig {
  /** The platform's public URL, which is also the issuer of its tokens. */
  readonly platformUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** What this page does, as `category:action`; the mandate must cover it. */
  readonly requiredScope?: string;
}

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const DELEGATION_CODE_TOKEN_TYPE = 'urn:zesummen:params:oauth:token-type:delegation-code';
const DEFAULT_SCOPE = 'taxes_money:submit';
/** The platform promises at most 10 minutes; refuse anything that claims to live longer. */
const MAX_TOKEN_AGE_SECONDS = 600;

interface PlatformEndpoints {
  readonly tokenEndpoint: string;
  readonly jwks: ReturnType<typeof createRemoteJWKSet>;
}

/** What the service learns from a verified token. */
interface Representation {
  readonly principal: string;
  readonly agent: string;
  readonly organization: string | null;
  readonly mandateId: string;
  readonly scope: string;
  readonly expiresAt: string;
}

type Outcome =
  | { readonly ok: true; readonly representation: Representation }
  | { readonly ok: false; readonly status: number; readonly title: string; readonly detail: string };

/** Builds the service's HTTP server; the caller decides where it listens. */
export function createRelyingService(config: RelyingServiceConfig): Server {
  const issuer = config.platformUrl.replace(/\/+$/, '');
  const requiredScope = config.requiredScope ?? DEFAULT_SCOPE;
  let endpoints: Promise<PlatformEndpoints> | undefined;

  // Discovery (RFC 8414) once; a failure is retried on the next visit.
  function platform(): Promise<PlatformEndpoints> {
    endpoints ??= discover(issuer).catch((error: unknown) => {
      endpoints = undefined;
      throw error;
    });
    return endpoints;
  }

  async function representationFor(delegationCode: string): Promise<Outcome> {
    const { tokenEndpoint, jwks } = await platform();
    const response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuthorization(config.clientId, config.clientSecret),
        accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: TOKEN_EXCHANGE_GRANT,
        subject_token: delegationCode,
        subject_token_type: DELEGATION_CODE_TOKEN_TYPE,
        scope: requiredScope,
      }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      return {
        ok: false,
        status: 403,
        title: 'The platform refused this mandate',
        detail: `${String(answer.error_description ?? 'No reason given.')} (${String(answer.reason ?? answer.error ?? response.status)})`,
      };
    }
    if (typeof answer.access_token !== 'string') throw new Error('The token endpoint answered without an access token');

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(answer.access_token, jwks, {
        issuer,
        audience: config.clientId,
        algorithms: ['ES256'],
        typ: 'JWT',
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      }));
    } catch (error) {
      if (!(error instanceof joseErrors.JOSEError)) throw error;
      return { ok: false, status: 403, title: 'The token could not be verified', detail: error.message };
    }
    if (typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp - claims.iat > MAX_TOKEN_AGE_SECONDS) {
      return { ok: false, status: 403, title: 'The token could not be verified', detail: 'It claims to be valid for more than 10 minutes.' };
    }

    // Without `act` the token would be the person themself: this page is only for representatives.
    const act = claims.act as { sub?: unknown; org?: unknown } | undefined;
    if (typeof act !== 'object' || act === null || typeof act.sub !== 'string') {
      return { ok: false, status: 403, title: 'This is not a representative', detail: 'The token has no "act" claim naming who acts.' };
    }
    const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (!granted.includes(requiredScope)) {
      return { ok: false, status: 403, title: 'The mandate does not cover this', detail: `This page needs ${requiredScope}; the mandate gives "${granted.join(' ')}".` };
    }
    if (typeof claims.mandate_id !== 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') {
      return { ok: false, status: 403, title: 'The token could not be verified', detail: 'It has no mandate_id.' };
    }
    return {
      ok: true,
      representation: {
        principal: claims.sub,
        agent: act.sub,
        organization: typeof act.org === 'string' ? act.org : null,
        mandateId: claims.mandate_id,
        scope: granted.join(' '),
        expiresAt: new Date(claims.exp * 1000).toISOString(),
      },
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://service.invalid');
    if (request.method !== 'GET') return send(response, 405, page('Not allowed', '<p>This page only answers GET.</p>'));
    if (url.pathname === '/') return send(response, 200, home(issuer, requiredScope));
    if (url.pathname !== '/callback') return send(response, 404, page('Not found', '<p>There is no such page.</p>'));

    const code = url.searchParams.get('delegation_code');
    if (!code) {
      return send(response, 400, refusalPage({ title: 'No delegation code', detail: 'Open this page from the "Use at Demo tax portal" button on the platform.' }));
    }
    let outcome: Outcome;
    try {
      outcome = await representationFor(code);
    } catch (error) {
      return send(response, 502, refusalPage({ title: 'The platform could not be reached', detail: error instanceof Error ? error.message : String(error) }));
    }
    if (!outcome.ok) return send(response, outcome.status, refusalPage(outcome));
    return send(response, 200, representationPage(outcome.representation));
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, page('Something went wrong', `<p>${escapeHtml(String(error))}</p>`));
    });
  });
}

async function discover(issuer: string): Promise<PlatformEndpoints> {
  const response = await fetch(`${issuer}/.well-known/oauth-authorization-server`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The platform's metadata answered ${response.status}`);
  const metadata = (await response.json()) as { issuer?: unknown; token_endpoint?: unknown; jwks_uri?: unknown };
  // RFC 8414 3.3: metadata that names another issuer must not be used.
  if (metadata.issuer !== issuer) throw new Error(`The platform's metadata names the issuer ${String(metadata.issuer)}, not ${issuer}`);
  if (typeof metadata.token_endpoint !== 'string' || typeof metadata.jwks_uri !== 'string') {
    throw new Error("The platform's metadata has no token endpoint or key set");
  }
  return { tokenEndpoint: metadata.token_endpoint, jwks: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
}

/** RFC 6749 2.3.1: the id and secret are form-encoded before they are joined for HTTP Basic. */
function basicAuthorization(clientId: string, clientSecret: string): string {
  const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Demo tax portal</title></head>
<body>
<header><p>Demo tax portal (an example service, not a real one)</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

function home(issuer: string, requiredScope: string): string {
  return page(
    'Send a tax return for someone else',
    `<p>This example service accepts representatives who hold a mandate on <a href="${escapeHtml(issuer)}">Zesummen</a>.</p>
<ol>
<li>On Zesummen, open a mandate that covers <code>${escapeHtml(requiredScope)}</code> and choose "Use at Demo tax portal".</li>
<li>Zesummen sends you back here with a one-time delegation code.</li>
<li>This service exchanges the code for a signed token, checks it, and shows who is acting for whom.</li>
</ol>`,
  );
}

function representationPage(r: Representation): string {
  const agent = r.organization ? `${r.agent} (helper of organisation ${r.organization})` : r.agent;
  return page(
    'You are acting as a representative',
    `<p id="representation"><strong>${escapeHtml(agent)}</strong> is acting for <strong>${escapeHtml(r.principal)}</strong> (mandate ${escapeHtml(r.mandateId)}, scope ${escapeHtml(r.scope)}).</p>
<dl>
<dt>Representative (user id on Zesummen)</dt><dd>${escapeHtml(r.agent)}</dd>
${r.organization ? `<dt>For the organisation</dt><dd>${escapeHtml(r.organization)}</dd>` : ''}
<dt>Acting for (user id on Zesummen)</dt><dd>${escapeHtml(r.principal)}</dd>
<dt>Mandate</dt><dd>${escapeHtml(r.mandateId)}</dd>
<dt>Allowed here</dt><dd>${escapeHtml(r.scope)}</dd>
<dt>This permission ends</dt><dd>${escapeHtml(r.expiresAt)}</dd>
</dl>`,
  );
}

function refusalPage(refusal: { title: string; detail: string }): string {
  return page(refusal.title, `<p id="refusal">${escapeHtml(refusal.detail)}</p><p>Nothing was done. Ask the person you act for to check the mandate on Zesummen.</p>`);
}
