/**
 * Directory search under load: `npm run bench [-- --postgres] [--seconds 20] [--out docs/performance.md]`.
 * See docs/performance.md for what it does and the latest figures.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { buildApp } from '../src/app.js';
import { generateScaleDirectory } from '../src/modules/demo/index.js';
import { createBenchDatabase, type BenchDatabase, type BenchDialect } from './bench-database.js';
import { httpGet } from './http-get.js';
import { runLoad } from './load.js';
import { searchMix } from './query-mix.js';
import { measurePage, type PageWeight } from './page-weight.js';
import { currentLoadAverage, renderReport, updatePerformanceDoc, type MeasuredLoad, type QueryTiming } from './report.js';

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'boolean' },
    seconds: { type: 'string' },
    offers: { type: 'string' },
    sessions: { type: 'string' },
    connections: { type: 'string' },
    queries: { type: 'string' },
    'cold-queries': { type: 'string' },
    out: { type: 'string' },
  },
});

const dialect: BenchDialect = args.postgres || process.env.BENCH_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
const seconds = Number(args.seconds ?? 20);
const offers = Number(args.offers ?? 100_000);
const sessions = Number(args.sessions ?? 300_000);
const connections = Number(args.connections ?? 50);
const distinctQueries = Number(args.queries ?? 2000);
/** So many that almost every request is a search not asked before: the cost of a cache miss. */
const coldQueries = Number(args['cold-queries'] ?? 50_000);
const ACCEPT_GZIP = { 'accept-encoding': 'gzip, deflate' };

const log = (message: string) => process.stderr.write(`${message}\n`);

function localDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Luxembourg' });
}

/** What people typically ask: a word, a place, a group, a language, dates, and combinations. */
function typicalSearches(): { label: string; query: string }[] {
  return [
    { label: 'everything, first page', query: '' },
    { label: 'word', query: 'q=smartphone' },
    { label: 'word, two filters', query: 'q=internet&audience=seniors&cost=free' },
    { label: 'commune', query: 'commune=esch-sur-alzette' },
    { label: 'canton, audience', query: 'canton=wiltz&audience=seniors' },
    { label: 'near a town, radius', query: 'near=Ettelbruck&radius=10&type=course' },
    { label: 'near a postal code, distance order', query: 'near=L-4010&radius=5&sort=distance' },
    { label: 'type and helper language', query: 'type=online_procedures&language=pt' },
    { label: 'audience, mode, cost', query: 'audience=migrants_refugees&mode=in_person&cost=free' },
    { label: 'accessibility, type, commune', query: 'access=wheelchair&type=helpdesk&commune=luxembourg' },
    { label: 'sessions in the next two weeks', query: `type=coding&from=${localDate(0)}&to=${localDate(14)}` },
    { label: 'open now', query: 'open=1' },
    { label: 'sorted by name, page 5', query: 'type=course&sort=name&page=5' },
    { label: 'next session order', query: 'type=smartphone_tablet&sort=next_session' },
  ];
}

/** The JSON API takes the same filters as the search page under its own, plural names. */
const API_NAMES: Record<string, string> = {
  type: 'types',
  audience: 'audiences',
  language: 'languages',
  access: 'accessibility',
  cost: 'costs',
  mode: 'modes',
};

function apiQuery(htmlQuery: string): string {
  const api = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(htmlQuery)) {
    if (name === 'open') api.append('open_now', 'true');
    else api.append(API_NAMES[name] ?? name, value);
  }
  return api.toString();
}

const LOCALES = ['lb', 'fr', 'de', 'en', 'pt'];
const searchPath = (query: string, i: number) => `/${LOCALES[i % LOCALES.length]}/search${query ? `?${query}` : ''}`;

async function median(run: () => Promise<unknown>, times: number): Promise<number> {
  const spent: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    spent.push(performance.now() - started);
  }
  spent.sort((a, b) => a - b);
  return spent[Math.floor(spent.length / 2)]!;
}

async function loadData(database: BenchDatabase) {
  const app = await buildApp(loadConfig(database.env));
  try {
    const databaseVersion =
      app.dialect === 'postgres'
        ? `PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(app.db)).rows[0]?.v ?? '?'}`
        : `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(app.db)).rows[0]?.v ?? '?'}`;
    let generateMs = 0;
    let importMs = 0;
    const chunks = generateScaleDirectory({ offers, sessions, seed: 'bench', now: new Date(), chunkSize: offers });
    for (;;) {
      let started = performance.now();
      const next = chunks.next();
      generateMs += performance.now() - started;
      if (next.done) break;
      started = performance.now();
      const counts = await app.directory.importDirectory(next.value);
      importMs += performance.now() - started;
      log(`  imported ${counts.organizations} organisations, ${counts.locations} places, ${counts.offers} offers, ${counts.sessions} sessions`);
    }
    return { databaseVersion, generateSeconds: generateMs / 1000, importSeconds: importMs / 1000 };
  } finally {
    await app.close();
  }
}

function startServer(env: Record<string, string>) {
  const child = fork(fileURLToPath(new URL('./bench-server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    // The server's own output goes to stderr so that stdout carries only the report.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const ready = new Promise<{ port: number; startupMs: number; rssMb: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number; startupMs: number; rssMb: number }));
    child.once('exit', (code) => reject(new Error(`the server stopped during start-up (exit code ${code})`)));
  });
  const stats = () =>
    new Promise<ServerStats>((resolve) => {
      child.once('message', (message) => resolve(message as ServerStats));
      child.send('stats');
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send('stop');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return { ready, stats, stop };
}

interface ServerStats {
  readonly rssMb: number;
  /** Requests the server's response caches answered, and those they had to pass on. */
  readonly cache: { readonly hits: number; readonly misses: number };
}

/** One load, with the share of its requests that the server answered from its response caches. */
async function measuredLoad(
  server: ReturnType<typeof startServer>,
  name: string,
  options: Parameters<typeof runLoad>[0],
): Promise<MeasuredLoad> {
  const before = (await server.stats()).cache;
  const result = await runLoad(options);
  const after = (await server.stats()).cache;
  const hits = after.hits - before.hits;
  const misses = after.misses - before.misses;
  return { name, distinctQueries: new Set(options.paths).size, result, cacheShare: hits + misses > 0 ? hits / (hits + misses) : 0 };
}

async function main(): Promise<void> {
  const loadAverageBefore = currentLoadAverage();
  log(`Benchmark on ${dialect}: ${offers.toLocaleString('en')} offers, ${sessions.toLocaleString('en')} sessions`);
  const database = await createBenchDatabase(dialect);
  let server: ReturnType<typeof startServer> | null = null;
  // An interrupted run still stops its server and drops its database.
  const interrupted = () => {
    void Promise.resolve(server?.stop())
      .then(() => database.drop())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const data = await loadData(database);
    log(`  generated in ${data.generateSeconds.toFixed(1)} s, imported in ${data.importSeconds.toFixed(1)} s`);
    server = startServer(database.env);
    const { port, startupMs, rssMb } = await server.ready;
    const origin = `http://127.0.0.1:${port}`;
    log(`  server ready on ${origin} in ${(startupMs / 1000).toFixed(1)} s`);

    const searches = typicalSearches();
    const htmlPaths = searches.map((s, i) => searchPath(s.query, i));
    const apiProbe = await httpGet(`${origin}/api/v1/search?q=internet`);
    const apiPaths =
      apiProbe.status === 200 ? searches.map((s) => `/api/v1/search${s.query ? `?${apiQuery(s.query)}` : ''}`) : [];
    const mix = searchMix(distinctQueries);
    const htmlMix = mix.map((query, i) => searchPath(query, i));
    const apiMix = apiPaths.length > 0 ? mix.map((query) => `/api/v1/search?${apiQuery(query)}`) : [];

    // The warm-up uses other queries than the measured mix, so the measured ones start uncached.
    log(`  warming up for 5 s`);
    const warmUp = searchMix(200, 'bench-warm-up').map((query, i) => searchPath(query, i));
    await runLoad({ url: origin, paths: warmUp, connections, seconds: 5, headers: ACCEPT_GZIP });
    // After the warm-up, so that the first ask measures a search the server has not seen, not a cold start.
    const queries: QueryTiming[] = [];
    for (const [i, search] of searches.entries()) {
      const path = htmlPaths[i]!;
      const started = performance.now();
      const first = await httpGet(origin + path, ACCEPT_GZIP);
      const firstMs = performance.now() - started;
      if (first.status !== 200) throw new Error(`${path} answered ${first.status}`);
      const api = apiPaths[i] ? await httpGet(origin + apiPaths[i]!) : null;
      if (api && api.status !== 200) throw new Error(`${apiPaths[i]} answered ${api.status}: ${api.body.toString('utf8').slice(0, 200)}`);
      const total = api ? totalFromApi(api.body) : null;
      queries.push({ label: search.label, path, total, firstMs, medianMs: await median(() => httpGet(origin + path, ACCEPT_GZIP), 15) });
    }

    const coldMix = searchMix(coldQueries, 'bench-cold');
    const mixes = [
      { label: '', html: htmlMix, api: apiMix },
      { label: ', cold', html: coldMix.map((query, i) => searchPath(query, i)), api: apiMix.length > 0 ? coldMix.map((query) => `/api/v1/search?${apiQuery(query)}`) : [] },
    ];
    const loads: MeasuredLoad[] = [];
    for (const mixed of mixes) {
      log(`  HTML search page: ${connections} connections for ${seconds} s over ${mixed.html.length} distinct searches`);
      loads.push(await measuredLoad(server, `HTML search page${mixed.label}`, { url: origin, paths: mixed.html, connections, seconds, headers: ACCEPT_GZIP }));
      if (mixed.api.length > 0) {
        log(`  JSON API search: ${connections} connections for ${seconds} s over ${mixed.api.length} distinct searches`);
        loads.push(await measuredLoad(server, `JSON API search${mixed.label}`, { url: origin, paths: mixed.api, connections, seconds, headers: ACCEPT_GZIP }));
      } else {
        log('  /api/v1/search does not answer 200: JSON API not measured');
      }
    }

    const rssAfterLoadMb = (await server.stats()).rssMb;
    const loadAverageAfter = currentLoadAverage();

    // A real result's offer and its organisation, as a visitor would click through to them.
    const searchPage = '/fr/search?q=internet&audience=seniors';
    const offerPath = linkIn((await httpGet(origin + searchPage)).body, /href="(\/fr\/offers\/[^"?#/]+)"/);
    const organizationPath = linkIn((await httpGet(origin + offerPath)).body, /href="(\/fr\/organizations\/[^"?#/]+)"/);
    const pages: PageWeight[] = [];
    for (const [page, path] of [
      ['Home', '/fr/'],
      ['Search results (20 per page)', searchPage],
      ['Offer', offerPath],
      ['Organisation', organizationPath],
      ['Print sheet', `${offerPath}/print`],
      ['Calendar', '/fr/calendar'],
      ['Sign in', '/fr/login'],
    ] as const) {
      pages.push(await measurePage(origin, page, path));
    }

    const section = renderReport(
      {
        dialect,
        ...data,
        offers,
        sessions,
        startupSeconds: startupMs / 1000,
        serverRssMb: rssMb,
        serverRssAfterLoadMb: rssAfterLoadMb,
        connections,
        seconds,
        loads,
        queries,
        pages,
        loadAverageBefore,
        loadAverageAfter,
      },
      new Date(),
    );
    console.log(section);
    if (args.out) {
      updatePerformanceDoc(args.out, dialect, section);
      log(`  wrote ${args.out}`);
    }
  } finally {
    await server?.stop();
    await database.drop();
  }
}

function linkIn(html: Buffer, pattern: RegExp): string {
  const found = pattern.exec(html.toString('utf8'))?.[1];
  if (!found) throw new Error(`no link matching ${pattern} on the page`);
  return found;
}

function totalFromApi(body: Buffer): number | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { total?: unknown; meta?: { total?: unknown } };
    const total = parsed.total ?? parsed.meta?.total;
    return typeof total === 'number' ? total : null;
  } catch {
    return null;
  }
}

await main();
