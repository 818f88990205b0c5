/**
 * The side of mandates that online services talk to: the token endpoint (OAuth 2.0 token exchange,
 * RFC 8693, with the client authentication of RFC 6749), the public signing keys, and the metadata
 * document (RFC 8414) that tells a service where both are. No cookies and no CSRF here: services
 * authenticate with their client credentials.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/app-error.js';
import { toAppError } from '../../platform/http/server.js';
import type { MandatesPluginDeps } from './index.js';
import { MANDATE_ACTIONS, PROCEDURE_CATEGORIES } from './mandates.model.js';
import type { TokenRefusal } from './mandates.types.js';
import { DELEGATION_CODE_TYPE, TOKEN_EXCHANGE_GRANT } from './access.service.js';
import { AuthorizationServerMetadata, IssuedTokenResponse, JwksResponse, TokenRequestBody } from './mandates-api.schema.js';

const TOKEN_PATH = '/api/v1/mandates/token';
const JWKS_PATH = '/api/v1/mandates/jwks.json';
const METADATA_PATH = '/.well-known/oauth-authorization-server';

const REALM = 'Basic realm="zesummen"';
const MAX_AUTHORIZATION_LENGTH = 1000;

/** The body of every answer of the token endpoint that is not a token. */
interface OAuthError {
  readonly error: TokenRefusal['error'] | 'slow_down';
  readonly error_description: string;
  readonly reason: TokenRefusal['reason'] | 'rate_limited';
}

type ClientCredentials =
  | { readonly kind: 'found'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'failed'; readonly description: string }
  | { readonly kind: 'conflict'; readonly description: string };

export function registerMandatesApi(app: FastifyInstance, deps: MandatesPluginDeps): void {
  const metadata = authorizationServerMetadata(deps.publicUrl);

  // POST /api/v1/mandates/token — a service exchanges a delegation code for a short-lived JWT.
  app.route<{ Body: TokenRequestBody }>({
    method: 'POST',
    url: TOKEN_PATH,
    schema: { body: TokenRequestBody, response: { 200: IssuedTokenResponse } },
    errorHandler: answerBadInputInOAuthTerms,
    handler: async (request, reply) => {
      noStore(reply);
      if (!isFormEncoded(request)) {
        return refuse(reply, 400, badRequest('Send the parameters as application/x-www-form-urlencoded, as RFC 6749 asks.'));
      }
      const body = request.body;
      const client = clientCredentials(request.headers.authorization, body);
      if (client.kind === 'conflict') return refuse(reply, 400, badRequest(client.description));
      if (client.kind === 'failed') {
        return failedClientAuthentication(request, reply, deps, {
          error: 'invalid_client',
          error_description: client.description,
          reason: 'unknown_client',
        });
      }
      for (const name of ['grant_type', 'subject_token', 'subject_token_type'] as const) {
        if (!body[name]) return refuse(reply, 400, badRequest(`The parameter ${name} is missing.`));
      }
      const result = await deps.mandates.exchangeToken({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: body.grant_type ?? '',
        subjectToken: body.subject_token ?? '',
        subjectTokenType: body.subject_token_type ?? '',
        scope: body.scope ?? '',
      });
      if (result.ok) return reply.code(200).send(result.value);
      const refusal: OAuthError = { error: result.error.error, error_description: result.error.description, reason: result.error.reason };
      if (result.error.error === 'invalid_client') return failedClientAuthentication(request, reply, deps, refusal);
      return refuse(reply, result.error.status, refusal);
    },
  });

  // GET /api/v1/mandates/jwks.json — the public keys that verify our tokens; short cache so a new key spreads fast.
  app.get(JWKS_PATH, { schema: { response: { 200: JwksResponse } } }, async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=300');
    return deps.mandates.jwks();
  });

  // GET /.well-known/oauth-authorization-server — where a service finds the token endpoint and the keys.
  app.get(METADATA_PATH, { schema: { response: { 200: AuthorizationServerMetadata } } }, async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=3600');
    return metadata;
  });
}

function authorizationServerMetadata(publicUrl: string): AuthorizationServerMetadata {
  return {
    issuer: publicUrl,
    token_endpoint: `${publicUrl}${TOKEN_PATH}`,
    jwks_uri: `${publicUrl}${JWKS_PATH}`,
    grant_types_supported: [TOKEN_EXCHANGE_GRANT],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    // RFC 8414 requires the member; there is no authorisation endpoint, so no response type either.
    response_types_supported: [],
    scopes_supported: PROCEDURE_CATEGORIES.flatMap((category) => MANDATE_ACTIONS.map((action) => `${category}:${action}`)),
    subject_token_types_supported: [DELEGATION_CODE_TYPE],
  };
}

function noStore(reply: FastifyReply): void {
  reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
}

function refuse(reply: FastifyReply, status: number, body: OAuthError): FastifyReply {
  if (status === 401) reply.header('WWW-Authenticate', REALM);
  return reply.code(status).send(body);
}

function badRequest(description: string): OAuthError {
  return { error: 'invalid_request', error_description: description, reason: 'bad_request' };
}

/**
 * Counts the failure against the caller's address; once its budget is spent the answer becomes a
 * 429, so guessing secrets or hammering the endpoint from one place stops being worth it.
 */
function failedClientAuthentication(request: FastifyRequest, reply: FastifyReply, deps: MandatesPluginDeps, refusal: OAuthError): FastifyReply {
  try {
    deps.tokenLimiter.hit(request, 'mandates-token-client');
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 429) throw error;
    const retryAfter = typeof error.details?.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : 60;
    reply.header('Retry-After', String(retryAfter));
    return refuse(reply, 429, {
      error: 'slow_down',
      error_description: `Too many failed client authentications from this address. Try again in ${retryAfter} seconds.`,
      reason: 'rate_limited',
    });
  }
  return refuse(reply, 401, refusal);
}

function isFormEncoded(request: FastifyRequest): boolean {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded';
}

/**
 * client_secret_basic (RFC 6749 2.3.1: id and secret form-encoded, then HTTP Basic) or
 * client_secret_post (both in the body). A client uses one method per request; sending the
 * client id in the body as well is tolerated when it is the same id.
 */
function clientCredentials(authorization: string | undefined, body: TokenRequestBody): ClientCredentials {
  if (authorization !== undefined) {
    if (body.client_secret !== undefined) {
      return { kind: 'conflict', description: 'Use one client authentication method: HTTP Basic or client_secret in the body, not both.' };
    }
    const basic = basicCredentials(authorization);
    if (!basic) return { kind: 'failed', description: 'The Authorization header is not valid HTTP Basic client authentication.' };
    if (body.client_id !== undefined && body.client_id !== basic.clientId) {
      return { kind: 'conflict', description: 'The client_id in the body is not the one in the Authorization header.' };
    }
    return { kind: 'found', ...basic };
  }
  if (!body.client_id || !body.client_secret) {
    return { kind: 'failed', description: 'Client authentication is required: HTTP Basic, or client_id and client_secret in the body.' };
  }
  return { kind: 'found', clientId: body.client_id, clientSecret: body.client_secret };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function basicCredentials(header: string): { clientId: string; clientSecret: string } | null {
  if (header.length > MAX_AUTHORIZATION_LENGTH) return null;
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!match?.[1]) return null;
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(match[1], 'base64'));
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (!clientId || !clientSecret) return null;
  return { clientId, clientSecret };
}

function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Whatever a service sends, a mistake of its own is answered as an OAuth error it can read
 * (RFC 6749 5.2), never as the platform's HTML or generic JSON; our own failures go on to the
 * server's handler.
 */
function answerBadInputInOAuthTerms(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (appError.status >= 500) throw error;
  noStore(reply);
  return refuse(reply, appError.status, badRequest(describeBadInput(error, appError)));
}

function describeBadInput(error: FastifyError, appError: AppError): string {
  const invalid = error.validation?.[0];
  if (invalid) {
    const name = invalid.instancePath.replace(/^\//, '');
    return name ? `The parameter ${name} is repeated or too long.` : 'The parameters must be name=value pairs in application/x-www-form-urlencoded.';
  }
  switch (appError.code) {
    case 'invalid_encoding':
      return 'The parameters are not valid UTF-8 in application/x-www-form-urlencoded.';
    case 'too_large':
      return 'The request is too large.';
    default:
      return 'Send the parameters as application/x-www-form-urlencoded, as RFC 6749 asks.';
  }
}
