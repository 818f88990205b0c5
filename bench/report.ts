/** The benchmark's tables in markdown, and docs/performance.md kept up to date one dialect section at a time. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { LoadResult } from './load.js';
import type { PageWeight } from './page-weight.js';

export interface QueryTiming {
  readonly label: string;
  readonly path: string;
  /** The first time the search is asked: rendered, not taken from a cache of responses. */
  readonly firstMs: number;
  /** Asked again, as the median of 15. */
  readonly medianMs: number;
  readonly total: number | null;
}

export interface MeasuredLoad {
  readonly name: string;
  /** Distinct searches the load picks from at random. */
  readonly distinctQueries: number;
  readonly result: LoadResult;
  /** Share of the load's requests the server answered from its response caches. */
  readonly cacheShare: number;
}

export interface BenchReport {
  readonly dialect: string;
  readonly databaseVersion: string;
  readonly offers: number;
  readonly sessions: number;
  readonly generateSeconds: number;
  readonly importSeconds: number;
  readonly startupSeconds: number;
  readonly serverRssMb: number;
  readonly serverRssAfterLoadMb: number;
  readonly connections: number;
  readonly seconds: number;
  readonly loads: readonly MeasuredLoad[];
  readonly queries: readonly QueryTiming[];
  readonly pages: readonly PageWeight[];
  /** The machine's 1-minute load average when the run started: other work skews the figures. */
  readonly loadAverageBefore: number;
  /** The same once the load had run: the server and the load generator account for up to 2 of it. */
  readonly loadAverageAfter: number;
}

export const TARGET_P95_MS = 25;
export const TARGET_PAGE_KB = 30;

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '–');

export const currentLoadAverage = (): number => loadavg()[0] ?? 0;

export function machineFacts(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${availableParallelism()} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`;
}

export function renderReport(report: BenchReport, when: Date): string {
  const lines: string[] = [];
  lines.push(`### ${report.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}`);
  lines.push('');
  lines.push(
    `${when.toISOString().slice(0, 10)} · ${machineFacts()} · ${report.databaseVersion} · ` +
      `${report.offers.toLocaleString('en')} offers, ${report.sessions.toLocaleString('en')} sessions`,
  );
  lines.push('');
  lines.push(
    `Data: generated in ${report.generateSeconds.toFixed(1)} s, imported in ${report.importSeconds.toFixed(1)} s. ` +
      `Server start (migrations and search index): ${report.startupSeconds.toFixed(1)} s, ${report.serverRssMb.toFixed(0)} MB resident after start, ` +
      `${report.serverRssAfterLoadMb.toFixed(0)} MB after the load.`,
  );
  lines.push('');
  lines.push(
    `Load average when the run started: ${report.loadAverageBefore.toFixed(1)} on ${availableParallelism()} CPUs, ` +
      `${report.loadAverageAfter.toFixed(1)} after the load` +
      (report.loadAverageBefore > 0.5 ? ' (other work was running on the machine, so these figures are pessimistic).' : '.'),
  );
  lines.push('');
  lines.push(
    'Each load request is one of the load\'s distinct searches (bench/query-mix.ts), picked at random with a fixed seed. ' +
      'The first loads repeat a few thousand searches, as many people asking the usual questions do; the "cold" loads pick from ' +
      'so many that nearly every request is a search not asked before, which measures a cache miss. ' +
      '"From cache" is the share of requests the server answered from its response cache.',
  );
  lines.push('');
  lines.push(
    `| Load (${report.connections} connections, ${report.seconds} s) | distinct searches | from cache | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | p95 ≤ ${TARGET_P95_MS} ms |`,
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|');
  for (const { name, distinctQueries, cacheShare, result } of report.loads) {
    const failed = result.non2xx + result.errors;
    lines.push(
      `| ${name} | ${distinctQueries.toLocaleString('en')} | ${Math.round(cacheShare * 100)} % | ${result.requestsPerSecond.toFixed(0)} | ${ms(result.p50)} | ${ms(result.p95)} | ${ms(result.p99)} | ${ms(result.max)} | ${failed} | ${result.p95 <= TARGET_P95_MS ? 'yes' : '**no**'} |`,
    );
  }
  lines.push('');
  const withTotals = report.queries.some((q) => q.total !== null);
  lines.push(`| Query (one at a time) |${withTotals ? ' results |' : ''} first ask ms | asked again, median of 15 ms |`);
  lines.push(withTotals ? '|---|---:|---:|---:|' : '|---|---:|---:|');
  for (const query of report.queries) {
    lines.push(`| ${query.label} \`${query.path}\` |${withTotals ? ` ${query.total ?? '–'} |` : ''} ${ms(query.firstMs)} | ${ms(query.medianMs)} |`);
  }
  lines.push('');
  lines.push(`| Page | HTML KB | HTML gzip KB | HTML as sent KB | CSS gzip KB | total gzip KB | ≤ ${TARGET_PAGE_KB} KB |`);
  lines.push('|---|---:|---:|---:|---:|---:|:---:|');
  for (const page of report.pages) {
    const total = page.htmlGzip + page.cssGzip;
    const note = page.status === 200 ? '' : ` (HTTP ${page.status})`;
    lines.push(
      `| ${page.page}${note} | ${kb(page.htmlBytes)} | ${kb(page.htmlGzip)} | ${kb(page.sentBytes)} | ${kb(page.cssGzip)} | ${kb(total)} | ${total <= TARGET_PAGE_KB * 1024 ? 'yes' : '**no**'} |`,
    );
  }
  const encodings = new Set(report.pages.map((p) => p.serverEncoding ?? 'none'));
  lines.push('');
  lines.push(
    `Sizes are measured with zlib at level 6; "as sent" is what the server sent when asked with \`Accept-Encoding: gzip\` ` +
      `(content encoding: ${[...encodings].join(', ')}), at the faster level it uses.`,
  );
  return lines.join('\n');
}

const INTRO = `# Performance

Figures from \`bench/directory-search.bench.ts\`. It fills a new database with invented data (100,000 offers and
300,000 sessions from \`generateScaleDirectory\`, spread over the communes by population), starts the real server
in its own process on 127.0.0.1, warms it up, and runs autocannon with 50 connections, each request one of 2,000
distinct generated searches (communes, cantons, towns and radii, kinds of help, groups, languages, sorts, pages;
seeded, so every run asks the same). The HTML page and the JSON API are loaded separately. Then it loads both again
with 50,000 distinct searches ("cold"), so that nearly every request misses the server's response cache. Browsers
send \`Accept-Encoding: gzip\`, so the load does too. It then measures the transfer size of each page type.

Targets: search p95 ≤ ${TARGET_P95_MS} ms on SQLite; every page ≤ ${TARGET_PAGE_KB} KB of HTML and CSS, gzipped.

## How to reproduce

\`\`\`sh
npm run bench                                   # SQLite, 20 s of load
npm run bench -- --postgres                     # PostgreSQL (or BENCH_DIALECT=postgres); creates and drops its own database
npm run bench -- --seconds 60 --out docs/performance.md   # longer run, and update this file
\`\`\`

Options: \`--offers N\`, \`--sessions N\`, \`--connections N\`, \`--seconds N\`, \`--queries N\` (distinct searches), \`--cold-queries N\` (distinct searches of the cold loads). For PostgreSQL the benchmark uses
\`BENCH_POSTGRES_URL\` (default \`postgres://postgres@127.0.0.1:5432/postgres\`) to create and drop the database.
The load generator and the server share the machine, so on a small machine both compete for the CPUs.

## Results
`;

/** Replaces this dialect's section of the file (or adds it), keeping the others. */
export function updatePerformanceDoc(path: string, dialect: string, section: string): void {
  const start = `<!-- bench:${dialect}:start -->`;
  const end = `<!-- bench:${dialect}:end -->`;
  const block = `${start}\n${section}\n${end}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : INTRO;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}
