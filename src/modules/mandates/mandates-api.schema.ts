/**
 * Request and response schemas (TypeBox) of the service-facing mandates API: the token endpoint
 * (RFC 8693 token exchange), the signing keys and the authorisation server metadata (RFC 8414).
 */
import { Type, type Static } from '@sinclair/typebox';

const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

const Parameter = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/**
 * Every parameter is optional here so that a missing one is answered with its name in an OAuth
 * error; a repeated one arrives as an array and fails (RFC 6749 3.2: at most once). Unknown
 * parameters are ignored, as RFC 6749 asks.
 */
export const TokenRequestBody = Type.Object({
  grant_type: Parameter(200),
  subject_token: Parameter(200),
  subject_token_type: Parameter(200),
  scope: Parameter(2000),
  client_id: Parameter(200),
  client_secret: Parameter(200),
});
export type TokenRequestBody = Static<typeof TokenRequestBody>;

export const IssuedTokenResponse = Type.Object({
  access_token: Type.String(),
  issued_token_type: Type.Literal(JWT_TOKEN_TYPE),
  token_type: Type.Literal('N_A'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});

export const JwksResponse = Type.Object({
  keys: Type.Array(
    Type.Object({
      kty: Type.String(),
      crv: Type.String(),
      x: Type.String(),
      y: Type.String(),
      kid: Type.String(),
      alg: Type.Literal('ES256'),
      use: Type.Literal('sig'),
    }),
  ),
});

export const AuthorizationServerMetadata = Type.Object({
  issuer: Type.String(),
  token_endpoint: Type.String(),
  jwks_uri: Type.String(),
  grant_types_supported: Type.Array(Type.String()),
  token_endpoint_auth_methods_supported: Type.Array(Type.String()),
  response_types_supported: Type.Array(Type.String()),
  scopes_supported: Type.Array(Type.String()),
  subject_token_types_supported: Type.Array(Type.String()),
});
export type AuthorizationServerMetadata = Static<typeof AuthorizationServerMetadata>;

export const OAuthErrorResponse = Type.Object({
  error: Type.String({ description: 'The OAuth 2.0 error code (RFC 6749 5.2): invalid_request, invalid_client, invalid_grant, invalid_scope…' }),
  error_description: Type.String(),
  reason: Type.String({ description: 'Why, for the service to act on: mandate_revoked, scope_revoked, out_of_scope, code_expired…' }),
});

const plain = (schema: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
const oauthError = (description: string) => ({ description, content: { 'application/json': { schema: plain(OAuthErrorResponse) } } });

/** How the service-facing mandates API is described in the platform's OpenAPI document. */
export const mandatesApiOpenApiPaths: Record<string, Record<string, unknown>> = {
  '/api/v1/mandates/token': {
    post: {
      operationId: 'exchangeDelegationCode',
      summary:
        'Token exchange (RFC 8693): a registered service trades the delegation code an agent brought for a signed JWT ' +
        '(ES256, 10 minutes) naming the principal (sub), the agent (act), the mandate and the granted scope. ' +
        'The service authenticates with HTTP Basic (client_secret_basic) or client_id and client_secret in the body.',
      requestBody: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: plain(TokenRequestBody) } },
      },
      responses: {
        200: { description: 'The token.', content: { 'application/json': { schema: plain(IssuedTokenResponse) } } },
        400: oauthError('Refused: a parameter is missing, or the code, the mandate or the scope does not allow it (see reason).'),
        401: oauthError('Unknown client or wrong client secret.'),
        429: oauthError('Too many failed client authentications from this address; see Retry-After.'),
      },
    },
  },
  '/api/v1/mandates/jwks.json': {
    get: {
      operationId: 'mandateSigningKeys',
      summary: 'The public keys (JWKS) that verify mandate tokens.',
      responses: { 200: { description: 'The keys.', content: { 'application/json': { schema: plain(JwksResponse) } } } },
    },
  },
};
