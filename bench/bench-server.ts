/**
 * The server under test, in a process of its own like in production, so the load generator
 * does not share its event loop. Reports its port, start-up time and memory to the parent, its memory
 * and how many requests its response caches answered on "stats", and stops on "stop".
 */
import { loadConfig } from '../src/config/config.js';
import { buildApp } from '../src/app.js';
import { responseCacheCounters } from '../src/platform/http/response-cache.js';

const started = performance.now();
const app = await buildApp(loadConfig());
const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: Number(new URL(address).port), startupMs: performance.now() - started, rssMb: process.memoryUsage().rss / 1e6 });
process.on('message', (message) => {
  if (message === 'stop') void app.close().then(() => process.exit(0));
  if (message === 'stats') {
    const answered = [...responseCacheCounters().values()].reduce((sum, c) => ({ hits: sum.hits + c.hits, misses: sum.misses + c.misses }), { hits: 0, misses: 0 });
    process.send?.({ rssMb: process.memoryUsage().rss / 1e6, cache: answered });
  }
});
