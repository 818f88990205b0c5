/**
 * Every Matrix route we serve is an operation of the Client-Server API (so the spec-checking test
 * client can vouch for it), or is listed below with the reason it is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { buildTestApp } from '../../../test/support/test-app.js';
import { matrixSpec } from '../../../test/support/matrix-spec.js';
import { chatPlugin } from './chat.plugin.js';

const NOT_IN_SPEC: Record<string, string> = {
  'OPTIONS /_matrix/*': 'answers the CORS preflight of every Matrix path, as the spec asks of servers',
  'OPTIONS /.well-known/matrix/*': 'answers the CORS preflight of the discovery documents',
};

/** Route parameters read `{}`, so the allow-list does not depend on how a parameter is named. */
const shape = (path: string) => path.replace(/:[^/]+/g, '{}');

/**
 * A route is a spec operation when the spec would route a request for it there; a route may fix
 * what the spec leaves open (…/profile/{}/displayname is …/profile/{userId}/{keyName}).
 */
function inSpec(route: string): boolean {
  const [method = '', path = ''] = route.split(' ');
  return matrixSpec().findOperation(method, path.replace(/\{\}/g, 'route-parameter')) !== undefined;
}

async function matrixRoutes(): Promise<string[]> {
  const app = await buildTestApp();
  const collector = Fastify();
  const routes: string[] = [];
  collector.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routes.push(`${method} ${shape(route.url)}`);
  });
  try {
    await collector.register(chatPlugin(app.chat));
    await collector.ready();
  } finally {
    await collector.close();
    await app.close();
  }
  return [...new Set(routes)].filter((route) => /^\S+ \/(_matrix|\.well-known\/matrix)\//.test(route)).sort();
}

test('every Matrix route is an operation of the spec or has a stated reason not to be', async () => {
  const routes = await matrixRoutes();
  assert.ok(routes.includes('GET /_matrix/client/versions'), 'the collector sees the chat routes');

  const unexplained = routes.filter((route) => !inSpec(route) && !(route in NOT_IN_SPEC));
  assert.deepEqual(unexplained, [], 'make the route follow a spec operation, or add it to NOT_IN_SPEC with the reason');

  const stale = Object.keys(NOT_IN_SPEC).filter((route) => !routes.includes(route));
  assert.deepEqual(stale, [], 'these NOT_IN_SPEC entries name routes that no longer exist');
});
