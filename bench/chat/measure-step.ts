/**
 * One step at a fixed rate: the generators send and receive, while this process samples the
 * server's CPU and memory from /proc over the same measured window.
 */
import { availableParallelism } from 'node:os';
import type { Generators } from './generators.js';
import { cpuSeconds, cpuSecondsBetween, machineBusyShare, machineCpu, postgresCpuSnapshot, rssMb } from './proc-stats.js';
import type { StepPlan } from './protocol.js';

export interface StepTiming {
  readonly warmUpMs: number;
  readonly measureMs: number;
  readonly drainMs: number;
}

export interface StepOutcome {
  readonly ratePerRoom: number;
  readonly offeredMessagesPerSecond: number;
  readonly offeredDeliveriesPerSecond: number;
  readonly deliveriesPerSecond: number;
  readonly sent: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** Send request to its answer: the write path alone. */
  readonly sendP50: number;
  readonly sendP95: number;
  readonly lost: number;
  readonly missingDeliveries: number;
  readonly sendErrors: number;
  readonly syncErrors: number;
  readonly firstError: string | undefined;
  readonly duplicates: number;
  readonly limitedTimelines: number;
  readonly syncAnswersPerSecond: number;
  /** Percent of one core. */
  readonly serverCpu: number;
  readonly postgresCpu: number | null;
  readonly generatorCpu: number;
  /** Percent of the whole machine (all cores) busy with anything. */
  readonly machineBusy: number;
  /** Percent of one core used by everything else on the machine (other programs): above a few percent, the step was disturbed. */
  readonly otherCpu: number;
  readonly peakRssMb: number;
  readonly maxSendLagMs: number;
  readonly passed: boolean;
}

export const TARGET_P95_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percent = (seconds: number, over: number) => (100 * seconds) / over;

export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export async function measureStep(options: {
  readonly generators: Generators;
  readonly serverPid: number;
  readonly step: number;
  readonly ratePerRoom: number;
  readonly roomCount: number;
  readonly membersPerRoom: number;
  readonly timing: StepTiming;
  /** The PostgreSQL database the server uses, whose backends' CPU is measured; undefined on SQLite. */
  readonly postgresDatabase: string | undefined;
}): Promise<StepOutcome> {
  const { generators, serverPid, timing } = options;
  const plan: StepPlan = {
    step: options.step,
    ratePerRoom: options.ratePerRoom,
    roomCount: options.roomCount,
    startAt: Date.now() + 300,
    ...timing,
  };
  const windowStart = plan.startAt + timing.warmUpMs;
  let peakRssMb = rssMb(serverPid);
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(serverPid))), 200);
  const window = (async () => {
    await sleep(windowStart - Date.now());
    const database = options.postgresDatabase;
    const before = { server: cpuSeconds(serverPid), postgres: database ? postgresCpuSnapshot(database) : undefined, machine: machineCpu(), self: process.cpuUsage() };
    await sleep(windowStart + timing.measureMs - Date.now());
    const seconds = timing.measureMs / 1000;
    const self = process.cpuUsage(before.self);
    return {
      serverCpu: percent(cpuSeconds(serverPid) - before.server, seconds),
      postgresCpu: database && before.postgres ? percent(cpuSecondsBetween(before.postgres, postgresCpuSnapshot(database)), seconds) : null,
      machineBusy: 100 * machineBusyShare(before.machine, machineCpu()),
      selfCpuSeconds: (self.user + self.system) / 1e6,
    };
  })();
  try {
    const [results, usage] = await Promise.all([generators.runStep(plan), window]);
    const latencies = Float64Array.from(results.flatMap((r) => r.latencies)).sort();
    const sendTimes = Float64Array.from(results.flatMap((r) => r.sendTimes)).sort();
    const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((total, r) => total + pick(r), 0);
    const seconds = timing.measureMs / 1000;
    const outcome = {
      ratePerRoom: options.ratePerRoom,
      offeredMessagesPerSecond: options.ratePerRoom * options.roomCount,
      offeredDeliveriesPerSecond: options.ratePerRoom * options.roomCount * options.membersPerRoom,
      deliveriesPerSecond: sum((r) => r.deliveriesInWindow) / seconds,
      sent: sum((r) => r.sent),
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
      sendP50: percentile(sendTimes, 0.5),
      sendP95: percentile(sendTimes, 0.95),
      lost: sum((r) => r.lost),
      missingDeliveries: sum((r) => r.missingDeliveries),
      sendErrors: sum((r) => r.sendErrors),
      syncErrors: sum((r) => r.syncErrors),
      firstError: results.find((r) => r.firstError !== undefined)?.firstError,
      duplicates: sum((r) => r.duplicates),
      limitedTimelines: sum((r) => r.limitedTimelines),
      syncAnswersPerSecond: sum((r) => r.syncAnswers) / seconds,
      serverCpu: usage.serverCpu,
      postgresCpu: usage.postgresCpu,
      generatorCpu: sum((r) => r.cpuMicros / 10 / r.windowMs) + percent(usage.selfCpuSeconds, seconds),
      machineBusy: usage.machineBusy,
      otherCpu: 0,
      peakRssMb,
      maxSendLagMs: Math.max(...results.map((r) => r.maxSendLagMs)),
    };
    outcome.otherCpu = Math.max(0, usage.machineBusy * availableParallelism() - outcome.serverCpu - outcome.generatorCpu - (outcome.postgresCpu ?? 0));
    return { ...outcome, passed: outcome.sent > 0 && outcome.p95 < TARGET_P95_MS && outcome.lost === 0 && outcome.sendErrors === 0 };
  } finally {
    clearInterval(sampler);
  }
}

/** All users connected and long-polling, nothing sent: memory at the end, CPU over the period. */
export async function measureIdle(serverPid: number, seconds: number): Promise<{ rssMb: number; serverCpu: number }> {
  const before = cpuSeconds(serverPid);
  await sleep(seconds * 1000);
  return { rssMb: rssMb(serverPid), serverCpu: percent(cpuSeconds(serverPid) - before, seconds) };
}
