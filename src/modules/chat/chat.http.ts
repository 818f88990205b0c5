import type { FastifyRequest } from 'fastify';
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { MatrixError, badJson } from './matrix-error.js';
import type { AccessTokens, Requester } from './access-tokens.js';

/** A compiled request-body schema; compile once at module load, check on every request. */
export function bodySchema<T extends TSchema>(schema: T): TypeCheck<T> {
  return TypeCompiler.Compile(schema);
}

/**
 * The JSON body checked against its schema: M_NOT_JSON when it is not JSON at all, M_BAD_JSON
 * naming the first field of the wrong shape. A missing body counts as `{}`, as clients often send none.
 */
export function readBody<T extends TSchema>(request: FastifyRequest, check: TypeCheck<T>): Static<T> {
  const body = jsonBody(request);
  if (check.Check(body)) return body;
  const first = check.Errors(body).First();
  const where = first?.path ? ` at ${first.path}` : '';
  throw badJson(`Invalid request body${where}: ${first?.message ?? 'wrong shape'}`);
}

export function jsonBody(request: FastifyRequest): unknown {
  const body = request.body;
  if (body === undefined) return {};
  if (Buffer.isBuffer(body)) {
    if (body.length === 0) return {};
    return parseJson(body.toString('utf8'));
  }
  return body;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MatrixError(400, 'M_NOT_JSON', 'Content not JSON.');
  }
}

export function accessToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.access_token;
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

/** The authenticated caller, or 401 M_MISSING_TOKEN / M_UNKNOWN_TOKEN. */
export async function authenticate(request: FastifyRequest, tokens: AccessTokens): Promise<Requester> {
  const token = accessToken(request);
  if (!token) throw new MatrixError(401, 'M_MISSING_TOKEN', 'Missing access token');
  return tokens.resolve(token);
}

export function queryString(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function queryStrings(request: FastifyRequest, name: string): string[] {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A non-negative whole number from the query string, or M_INVALID_PARAM. */
export function queryInteger(request: FastifyRequest, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = queryString(request, name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) throw new MatrixError(400, 'M_INVALID_PARAM', `${name} must be a whole number`);
  return Math.min(value, max);
}

export function routeParam(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? '';
}
