/**
 * Chat delivery under load: `npm run bench:chat [-- --postgres] [--users 100,1000] [--out docs/performance.md]`.
 * docs/performance.md ("Chat delivery") explains the shape of the load and every figure.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchDatabase, type BenchDialect } from './bench-database.js';
import { currentLoadAverage } from './report.js';
import { seedUsers, createRooms } from './chat/seed.js';
import { startServerProcess, type ServerProcess } from './chat/server-process.js';
import { startGenerators, type Generators } from './chat/generators.js';
import { measureIdle, measureStep, type StepOutcome, type StepTiming } from './chat/measure-step.js';
import { topSelfTime } from './chat/cpu-profile.js';
import { renderDialectBlock, updateChatSection, type ShapeOutcome, type ShapeProfile } from './chat/chat-report.js';

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'boolean' },
    users: { type: 'string' },
    seconds: { type: 'string' },
    'warm-up': { type: 'string' },
    drain: { type: 'string' },
    start: { type: 'string' },
    min: { type: 'string' },
    bisect: { type: 'string' },
    'max-steps': { type: 'string' },
    rates: { type: 'string' },
    workers: { type: 'string' },
    'cpu-prof': { type: 'boolean' },
    out: { type: 'string' },
  },
});

const dialect: BenchDialect = args.postgres || process.env.BENCH_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
const ROOM_SIZE = 10;
const userCounts = (args.users ?? '100,1000').split(',').map(Number);
const timing: StepTiming = {
  warmUpMs: Number(args['warm-up'] ?? 5) * 1000,
  measureMs: Number(args.seconds ?? 30) * 1000,
  drainMs: Number(args.drain ?? 5) * 1000,
};
const startDeliveries = Number(args.start ?? 500);
/** Below this offered rate a failing server is not worth stepping down further: a room would send a message or two per window. */
const minDeliveries = Number(args.min ?? 25);
const bisections = Number(args.bisect ?? 3);
const maxSteps = Number(args['max-steps'] ?? 12);
const fixedRates = args.rates?.split(',').map(Number);
const workerCount = Number(args.workers ?? 2);
/** What Element asks for: members only of who speaks, and a short timeline per room. */
const SYNC_FILTER = { room: { state: { lazy_load_members: true }, timeline: { limit: 20 } } };
const IDLE_SECONDS = 10;
const SETTLE_MS = 3000;

const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rounded = (rate: number) => +rate.toPrecision(3);

function describe(s: StepOutcome): string {
  return (
    `${s.ratePerRoom} msg/s/room: ${s.deliveriesPerSecond.toFixed(0)} deliveries/s, p50 ${s.p50.toFixed(1)} p95 ${s.p95.toFixed(1)} p99 ${s.p99.toFixed(1)} ms, send p50 ${s.sendP50.toFixed(1)} p95 ${s.sendP95.toFixed(1)} ms, ` +
    `lost ${s.lost}, gaps ${s.limitedTimelines}, server CPU ${s.serverCpu.toFixed(0)} %, generator CPU ${s.generatorCpu.toFixed(0)} %, ` +
    `machine ${s.machineBusy.toFixed(0)} % (others ${s.otherCpu.toFixed(0)} % of a core), send lag max ${s.maxSendLagMs.toFixed(0)} ms, RSS ${s.peakRssMb.toFixed(0)} MB → ${s.passed ? 'pass' : 'FAIL'}` +
    (s.firstError ? `\n    ${s.sendErrors} send and ${s.syncErrors} /sync errors, the first: ${s.firstError}` : '')
  );
}

/**
 * Doubles from the start rate until a step fails (halves while the first fails, down to --min), then bisects between
 * the highest passing and the lowest failing rate.
 */
async function searchRates(users: number, run: (ratePerRoom: number) => Promise<StepOutcome>): Promise<StepOutcome[]> {
  if (fixedRates) {
    const outcomes: StepOutcome[] = [];
    for (const rate of fixedRates) outcomes.push(await run(rate));
    return outcomes;
  }
  const outcomes: StepOutcome[] = [];
  let passing: number | undefined;
  let failing: number | undefined;
  let rate = rounded(startDeliveries / users);
  let bisected = 0;
  while (outcomes.length < maxSteps) {
    const outcome = await run(rate);
    outcomes.push(outcome);
    if (outcome.passed) passing = Math.max(passing ?? 0, rate);
    else failing = Math.min(failing ?? Infinity, rate);
    if (failing === undefined) {
      rate = rounded(rate * 2);
    } else if (passing === undefined) {
      rate = rounded(rate / 2);
      if (rate * users < minDeliveries) break;
    } else if (bisected++ < bisections) {
      rate = rounded((passing + failing) / 2);
    } else {
      break;
    }
    if (outcomes.some((o) => o.ratePerRoom === rate)) break;
  }
  return outcomes;
}

/** One shape on a fresh database and server; with `profileFile`, the server's CPU profile of the steps is written there. */
async function runShape(users: number, profileFile: string | undefined): Promise<{ shape: ShapeOutcome; databaseVersion: string }> {
  const rooms = Math.floor(users / ROOM_SIZE);
  log(`${users} users in ${rooms} rooms on ${dialect}`);
  const database = await createBenchDatabase(dialect);
  const env: Record<string, string> = { ...database.env, MATRIX_SERVER_NAME: 'bench.zesummen.test' };
  const postgresDatabase = env.DATABASE_URL ? new URL(env.DATABASE_URL).pathname.slice(1) : undefined;
  let server: ServerProcess | undefined;
  let generators: Generators | undefined;
  const interrupted = () => {
    generators?.stop();
    void Promise.resolve(server?.stop())
      .then(() => database.drop())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    let started = performance.now();
    const seeded = await seedUsers(env, users);
    log(`  ${users} accounts and tokens written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    server = startServerProcess(env);
    const { port } = await server.ready;
    const origin = `http://127.0.0.1:${port}`;
    started = performance.now();
    const benchRooms = await createRooms(origin, seeded.users, ROOM_SIZE);
    log(`  ${rooms} rooms created and joined over HTTP in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    generators = startGenerators(workerCount, origin, benchRooms, SYNC_FILTER);
    await generators.connected;
    log(`  ${users} clients did their initial sync and are long-polling (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    await sleep(SETTLE_MS);
    const idle = await measureIdle(server.pid, IDLE_SECONDS);
    log(`  idle: RSS ${idle.rssMb.toFixed(0)} MB, server CPU ${idle.serverCpu.toFixed(1)} %`);
    let step = 0;
    // Closures do not keep the narrowing of the `let`s above.
    const load = { generators, serverPid: server.pid };
    if (profileFile) await server.startProfile();
    const steps = await searchRates(users, async (ratePerRoom) => {
      step += 1;
      const outcome = await measureStep({ ...load, step, ratePerRoom, roomCount: rooms, membersPerRoom: ROOM_SIZE, timing, postgresDatabase });
      log(`  step ${step}: ${describe(outcome)}`);
      await sleep(SETTLE_MS);
      return outcome;
    });
    if (profileFile) await server.stopProfile(profileFile);
    return {
      shape: { users, rooms, membersPerRoom: ROOM_SIZE, idleRssMb: idle.rssMb, idleServerCpu: idle.serverCpu, steps },
      databaseVersion: seeded.databaseVersion,
    };
  } finally {
    if (generators) {
      generators.stop();
      // The server is still answering the long-polls the generators just dropped; let it finish before it closes the database.
      await sleep(SETTLE_MS);
    }
    await server?.stop();
    await database.drop();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

async function main(): Promise<void> {
  const loadAverageBefore = currentLoadAverage();
  const profileDir = args['cpu-prof'] ? mkdtempSync(join(tmpdir(), 'zesummen-chat-profile-')) : undefined;
  const shapes: ShapeOutcome[] = [];
  const profiles: ShapeProfile[] = [];
  let databaseVersion = '';
  for (const users of userCounts) {
    const profileFile = profileDir ? join(profileDir, `${dialect}-${users}-users.cpuprofile`) : undefined;
    const result = await runShape(users, profileFile);
    shapes.push(result.shape);
    databaseVersion = result.databaseVersion;
    if (profileFile) {
      const top = topSelfTime(profileFile, 25);
      profiles.push({ users, top });
      log(`  server CPU profile of the steps: ${profileFile} (open in Chrome DevTools); top self time:`);
      for (const entry of top) log(`    ${(100 * entry.share).toFixed(1).padStart(5)} %  ${entry.ms.toFixed(0).padStart(7)} ms  ${entry.name}`);
    }
  }
  const block = renderDialectBlock({
    dialect,
    databaseVersion,
    when: new Date(),
    loadAverageBefore,
    loadAverageAfter: currentLoadAverage(),
    generatorProcesses: workerCount,
    warmUpSeconds: timing.warmUpMs / 1000,
    measureSeconds: timing.measureMs / 1000,
    drainSeconds: timing.drainMs / 1000,
    shapes,
    profiles,
  });
  console.log(block);
  if (args.out) {
    updateChatSection(args.out, dialect, block);
    log(`wrote ${args.out}`);
  }
}

await main();
