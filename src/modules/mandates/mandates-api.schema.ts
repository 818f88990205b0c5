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
