import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { acceptsGzip, ResponseCache } from './response-cache.js';

/** A server with one cached route whose body says how many times it was rendered. */
async function server(options: { maxEntries?: number; maxAgeMs?: number } = {}) {
  const state = { version: 1, now: 0, renders: 0 };
  const cache = new ResponseCache({
    name: 'test',
    maxEntries: options.maxEntries ?? 10,
    maxBytes: 1024 * 1024,
    maxAgeMs: options.maxAgeMs ?? 60_000,
    version: () => state.version,
    now: () => state.now,
  });
  const app = Fastify();
  app.get('/page', async (request, reply) => {
    const { key = '', status = '200' } = request.query as { key?: string; status?: string };
    return cache.respond(request, reply, key === 'none' ? null : key, async () => {
      state.renders += 1;
      return { status: Number(status), contentType: 'text/plain; charset=utf-8', body: `render ${state.renders} of ${key}` };
    });
  });
  const get = async (key: string, headers: Record<string, string> = {}) => (await app.inject({ url: `/page?key=${key}`, headers })).body;
  return { app, state, get };
}

test('the same request is answered from the cache until the data changes or the entry is too old', async () => {
  const { state, get } = await server({ maxAgeMs: 60_000 });
  assert.equal(await get('a'), 'render 1 of a');
  assert.equal(await get('a'), 'render 1 of a');
  state.version += 1;
  assert.equal(await get('a'), 'render 2 of a');
  state.now += 59_999;
  assert.equal(await get('a'), 'render 2 of a');
  state.now += 1;
  assert.equal(await get('a'), 'render 3 of a');
});

test('requests without a key and failed responses are never kept', async () => {
  const { app, get } = await server();
  assert.equal(await get('none'), 'render 1 of none');
  assert.equal(await get('none'), 'render 2 of none');
  const failed = await app.inject({ url: '/page?key=b&status=422' });
  assert.equal(failed.statusCode, 422);
  assert.equal(await get('b'), 'render 4 of b');
});

test('the least recently used entry leaves first when the cache is full', async () => {
  const { get } = await server({ maxEntries: 2 });
  await get('a');
  await get('b');
  await get('a');
  await get('c');
  assert.equal(await get('a'), 'render 1 of a');
  assert.equal(await get('b'), 'render 4 of b', 'b had been used least recently');
});

test('gzip goes to clients that take it, the plain body to the others', async () => {
  const { app } = await server();
  const ask = (encoding: string) => app.inject({ url: '/page?key=z', headers: { 'accept-encoding': encoding } });
  const gzipped = await ask('gzip');
  assert.equal(gzipped.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gzipped.rawPayload).toString('utf8'), 'render 1 of z');
  const plain = await ask('identity');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body, 'render 1 of z');

  assert.equal(acceptsGzip('gzip, deflate, br'), true);
  assert.equal(acceptsGzip('br;q=1.0, GZIP;q=0.5'), true);
  assert.equal(acceptsGzip('*;q=0.1'), true);
  assert.equal(acceptsGzip('x-gzip'), true);
  assert.equal(acceptsGzip('gzip;q=0, *;q=1'), false);
  assert.equal(acceptsGzip('deflate, br'), false);
  assert.equal(acceptsGzip(undefined), false);
});
