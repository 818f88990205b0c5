/** Load with autocannon, keeping every response time so percentiles (p95 included) are exact. */
import autocannon from 'autocannon';
import { createRandom } from '../src/modules/demo/index.js';

export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly non2xx: number;
  readonly errors: number;
}

export async function runLoad(options: {
  url: string;
  paths: readonly string[];
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /**
   * Each request takes a path at random (seeded) instead of every connection walking the list
   * in the same order, which would send fifty identical requests at once.
   */
  seed?: string;
}): Promise<LoadResult> {
  const random = createRandom(options.seed ?? 'bench-load');
  const paths = options.paths;
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers ?? {},
        requests: [{ method: 'GET' as const, path: paths[0]!, setupRequest: (request) => ({ ...request, path: random.pick(paths) }) }],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return {
    requests: times.length,
    requestsPerSecond: times.length / options.seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: times[times.length - 1] ?? Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
