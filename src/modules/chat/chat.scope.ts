import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { MatrixError, unrecognized } from './matrix-error.js';
import { parseJson } from './chat.http.js';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'X-Requested-With, Content-Type, Authorization',
};

/** Browsers' Matrix clients (Element Web) live on other origins: every answer carries CORS headers. */
export function addCors(scope: FastifyInstance): void {
  scope.addHook('onSend', async (_request, reply) => {
    reply.headers(CORS_HEADERS);
    // The portal's page policy would stop Element Web from showing our media and answers.
    reply.removeHeader('cross-origin-opener-policy');
    reply.removeHeader('x-frame-options');
  });
}

/**
 * Turns a Fastify scope into a Matrix API surface: JSON parsed by us (M_NOT_JSON), any other body
 * kept as bytes for media, Matrix error bodies for every failure, M_UNRECOGNIZED for unknown
 * endpoints and a CORS answer to every preflight.
 */
export function configureMatrixScope(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, (body as string).length === 0 ? {} : parseJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  addCors(scope);

  scope.options('/*', async (_request, reply) => reply.status(204).send());
  scope.setNotFoundHandler((request, reply) => {
    if (request.method === 'OPTIONS') return reply.status(204).send();
    return sendMatrixError(reply, unrecognized());
  });
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    const matrixError = toMatrixError(error);
    if (matrixError.status >= 500) request.log.error({ err: error }, 'chat request failed');
    return sendMatrixError(reply, matrixError);
  });
}

export function sendMatrixError(reply: FastifyReply, error: MatrixError) {
  if (error.errcode === 'M_LIMIT_EXCEEDED' && typeof error.extra.retry_after_ms === 'number') {
    reply.header('Retry-After', String(Math.ceil(error.extra.retry_after_ms / 1000)));
  }
  return reply.status(error.status).type('application/json').send(error.toJSON());
}

function toMatrixError(error: FastifyError | Error): MatrixError {
  if (error instanceof MatrixError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return new MatrixError(400, 'M_BAD_JSON', fastifyError.message);
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new MatrixError(413, 'M_TOO_LARGE', 'Request body too large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new MatrixError(400, 'M_NOT_JSON', 'Content not JSON.');
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new MatrixError(fastifyError.statusCode, 'M_UNKNOWN', fastifyError.message);
  }
  return new MatrixError(500, 'M_UNKNOWN', 'Internal server error');
}

