/**
 * The chat benchmark's section of docs/performance.md: an explanation, then one block per database,
 * each replaced on its own so a SQLite run keeps the PostgreSQL figures and the other way round.
 * Everything outside the section (the directory benchmark's part) is left as it is.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { machineFacts } from '../report.js';
import { TARGET_P95_MS, type StepOutcome } from './measure-step.js';
import type { SelfTime } from './cpu-profile.js';

export interface ShapeOutcome {
  readonly users: number;
  readonly rooms: number;
  readonly membersPerRoom: number;
  readonly idleRssMb: number;
  readonly idleServerCpu: number;
  readonly steps: readonly StepOutcome[];
}

export interface ShapeProfile {
  readonly users: number;
  readonly top: readonly SelfTime[];
}

export interface ChatBenchReport {
  readonly dialect: 'sqlite' | 'postgres';
  readonly databaseVersion: string;
  readonly when: Date;
  readonly loadAverageBefore: number;
  readonly loadAverageAfter: number;
  readonly generatorProcesses: number;
  readonly warmUpSeconds: number;
  readonly measureSeconds: number;
  readonly drainSeconds: number;
  readonly shapes: readonly ShapeOutcome[];
  /** With --cpu-prof: the server's profile over the load steps of each shape. */
  readonly profiles: readonly ShapeProfile[];
}

/** Issue 4's targets, measured on this project's 2-core machine with ejabberd and Prosody. */
export const DELIVERY_TARGETS: readonly { readonly users: number; readonly deliveriesPerSecond: number; readonly strictlyMore: boolean; readonly reference: string }[] = [
  { users: 100, deliveriesPerSecond: 3000, strictlyMore: true, reference: 'ejabberd archiving every message in SQLite' },
  { users: 1000, deliveriesPerSecond: 4500, strictlyMore: false, reference: "Prosody's in-memory rate" },
];
export const TARGET_RSS_MB = 150;
export const TARGET_RSS_USERS = 1000;

const fixed = (value: number | null, digits = 0): string => (value !== null && Number.isFinite(value) ? value.toFixed(digits) : '–');
const yes = (ok: boolean): string => (ok ? 'yes' : '**no**');
const databaseName = (dialect: string) => (dialect === 'postgres' ? 'PostgreSQL' : 'SQLite');

export const bestStep = (shape: ShapeOutcome): StepOutcome | undefined =>
  shape.steps.filter((s) => s.passed).sort((a, b) => b.deliveriesPerSecond - a.deliveriesPerSecond)[0];

/** The yes/no lines for the targets this run measured. */
export function targetLines(report: ChatBenchReport): string[] {
  const lines: string[] = [];
  for (const target of DELIVERY_TARGETS) {
    const shape = report.shapes.find((s) => s.users === target.users);
    if (!shape) continue;
    const best = bestStep(shape)?.deliveriesPerSecond ?? 0;
    const met = target.strictlyMore ? best > target.deliveriesPerSecond : best >= target.deliveriesPerSecond;
    lines.push(
      `- ${target.users.toLocaleString('en')} users: ${target.strictlyMore ? 'more than' : 'at least'} ${target.deliveriesPerSecond.toLocaleString('en')} deliveries/s ` +
        `(${target.reference}) with p95 < ${TARGET_P95_MS} ms and no loss: ${yes(met)}, ${fixed(best)} deliveries/s.`,
    );
  }
  const large = report.shapes.find((s) => s.users === TARGET_RSS_USERS);
  if (large) {
    lines.push(
      `- Server memory with ${TARGET_RSS_USERS.toLocaleString('en')} users connected ≤ ${TARGET_RSS_MB} MB: ${yes(large.idleRssMb <= TARGET_RSS_MB)}, ` +
        `${fixed(large.idleRssMb)} MB idle, ${fixed(Math.max(...large.steps.map((s) => s.peakRssMb)))} MB at the loaded peak.`,
    );
  }
  return lines;
}

function errorNote(step: StepOutcome): string {
  const notes = [step.sendErrors > 0 ? `${step.sendErrors} send errors` : '', step.syncErrors > 0 ? `${step.syncErrors} /sync errors` : ''].filter(Boolean);
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
}

function stepTable(shape: ShapeOutcome, postgres: boolean): string[] {
  const lines: string[] = [];
  lines.push(
    `| msg/s per room | offered msg/s | offered deliveries/s | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | send p50/p95 ms | lost | gaps | /sync answers/s | server CPU % |` +
      `${postgres ? ' PostgreSQL CPU % |' : ''} generator CPU % | other work CPU % | peak RSS MB | p95 < ${TARGET_P95_MS} ms, no loss |`,
  );
  lines.push(`|${' ---:|'.repeat(postgres ? 17 : 16)} :---: |`);
  for (const s of [...shape.steps].sort((a, b) => a.ratePerRoom - b.ratePerRoom)) {
    lines.push(
      `| ${+s.ratePerRoom.toPrecision(3)} | ${fixed(s.offeredMessagesPerSecond)} | ${fixed(s.offeredDeliveriesPerSecond)} | ${fixed(s.deliveriesPerSecond)} | ` +
        `${fixed(s.p50, 1)} | ${fixed(s.p95, 1)} | ${fixed(s.p99, 1)} | ${fixed(s.max, 0)} | ${fixed(s.sendP50, 1)} / ${fixed(s.sendP95, 1)} | ${s.lost}${errorNote(s)} | ` +
        `${s.limitedTimelines} | ${fixed(s.syncAnswersPerSecond)} | ${fixed(s.serverCpu)} |${postgres ? ` ${fixed(s.postgresCpu)} |` : ''} ${fixed(s.generatorCpu)} | ` +
        `${fixed(s.otherCpu)} | ${fixed(s.peakRssMb)} | ${yes(s.passed)} |`,
    );
  }
  return lines;
}

export function renderDialectBlock(report: ChatBenchReport): string {
  const postgres = report.dialect === 'postgres';
  const lines: string[] = [];
  lines.push(`### ${databaseName(report.dialect)}`);
  lines.push('');
  lines.push(`${report.when.toISOString().slice(0, 10)} · ${machineFacts()} · ${report.databaseVersion}`);
  lines.push('');
  lines.push(
    `Load average when the run started: ${report.loadAverageBefore.toFixed(1)} on ${availableParallelism()} CPUs, ${report.loadAverageAfter.toFixed(1)} at the end` +
      (report.loadAverageBefore > 0.5 ? ' (other work was running on the machine, so these figures are pessimistic).' : '.') +
      ` ${report.generatorProcesses} load-generator processes; ${report.warmUpSeconds} s warm-up, ${report.measureSeconds} s measured, up to ${report.drainSeconds} s drain per step.`,
  );
  lines.push('');
  lines.push(...targetLines(report));
  for (const shape of report.shapes) {
    lines.push('');
    lines.push(`#### ${shape.users.toLocaleString('en')} users in ${shape.rooms.toLocaleString('en')} rooms`);
    lines.push('');
    const best = bestStep(shape);
    lines.push(
      `Idle (every user connected and long-polling, no messages): server RSS ${fixed(shape.idleRssMb)} MB, server CPU ${fixed(shape.idleServerCpu)} % of one core. ` +
        (best
          ? `Highest step with p95 < ${TARGET_P95_MS} ms and no loss: ${+best.ratePerRoom.toPrecision(3)} messages/s per room, **${fixed(best.deliveriesPerSecond)} deliveries/s**.`
          : `**No step had p95 < ${TARGET_P95_MS} ms and no loss.**`),
    );
    lines.push('');
    lines.push(...stepTable(shape, postgres));
  }
  for (const profile of report.profiles) {
    lines.push('');
    lines.push(
      `Where the server's time went with ${profile.users.toLocaleString('en')} users (\`--cpu-prof\`: V8's sampling profiler in the server over all ` +
        `steps, warm-ups and drains included; self time, share of the time the server was busy):`,
    );
    lines.push('');
    lines.push('| function | self ms | share |');
    lines.push('|---|---:|---:|');
    for (const entry of profile.top) lines.push(`| \`${entry.name.replace(/\|/g, '\\|')}\` | ${fixed(entry.ms)} | ${fixed(100 * entry.share, 1)} % |`);
  }
  return lines.join('\n');
}

const INTRO = `## Chat delivery (issue 4)

Figures from \`bench/chat-delivery.bench.ts\`, shaped like the load tests of the XMPP servers we compare with.
U users, each a client of its own, in rooms of 10 (U/10 rooms, every user in exactly one room). Every user
long-polls \`GET /_matrix/client/v3/sync\` with \`timeout=30000\`, the \`since\` token of its previous answer and an
uploaded filter like Element's (\`lazy_load_members\`, timeline limit 20). In every room one member sends
\`m.room.message\` events (\`PUT /rooms/{roomId}/send/m.room.message/{txnId}\`) at a set rate, open loop (each message
goes out when due, whether or not the previous one was answered; each generator process opens at most 256
connections for sends, and a message waiting for one counts the wait in its latency), the senders' starts spread
evenly over one interval. Rooms are unencrypted (the server does not see inside encrypted messages, so its work is the same).
Every event is stored in the database before it is delivered. The server runs in its own process on 127.0.0.1;
the load comes from separate generator processes, each holding whole rooms.

Each step runs at one rate: a warm-up, then the measured window, then a drain during which late copies may still
arrive. The rate per room doubles from a low start until a step fails (or halves while the first step fails), then
the benchmark bisects between the highest passing and the lowest failing rate. One server and database serve all
steps of a shape, so the rooms' history grows from step to step as on a real server. A step passes with p95 < ${TARGET_P95_MS} ms and no loss.

What the columns mean:

- **deliveries/s**: copies of messages received by members inside the measured window, per second. Every member's
  copy counts, the sender's own echo through its own /sync included, so a room of 10 gives 10 deliveries per message.
- **p50/p95/p99/max ms**: from just before the send request goes out to the /sync answer carrying that copy, for
  every copy of every message sent inside the window. The send time travels in the message body; the generator's
  clock is the reference (sender and members of a room are in the same process).
- **lost**: messages sent inside the window that had not reached every member by the end of the drain (a failed
  send counts too). **send p50/p95**: from the send request to its answer, the server's write path alone. **gaps**: /sync answers with \`limited: true\`, where a client would have to paginate.
- **server CPU %**: utime + stime of the server process over the window (from \`/proc/<pid>/stat\`), in percent of one
  core. **PostgreSQL CPU %**: the same for the PostgreSQL backends serving the benchmark's database and the
  cluster's shared writers (WAL writer, checkpointer, background writer), not other clients of the cluster. **generator CPU %**: the generator processes' own \`process.cpuUsage()\` over the window, plus the benchmark's.
  **other work CPU %**: what the rest of the machine used meanwhile (all busy time in \`/proc/stat\` minus the
  columns before), in percent of one core: well above zero, other programs competed with the server and the step's
  figures are pessimistic.
- **peak RSS**: the server's largest resident memory during the step (sampled every 200 ms); idle RSS is taken with
  every user connected and long-polling and nothing sent.

Targets (issue 4, on this 2-core machine): at 100 users more than 3,000 deliveries/s (what ejabberd reaches here when
it archives every message in SQLite); at 1,000 users at least 4,500 deliveries/s (Prosody's in-memory rate here);
server RSS ≤ ${TARGET_RSS_MB} MB with 1,000 users connected.

How to reproduce:

\`\`\`sh
npm run bench:chat                                   # SQLite, 100 and 1,000 users, 30 s per step
npm run bench:chat -- --postgres                     # PostgreSQL; creates and drops its own database
npm run bench:chat -- --out docs/performance.md      # and update this section
npm run bench:chat -- --users 1000 --rates 2,4 --cpu-prof   # fixed rates, and where the server's time goes
\`\`\`

Options: \`--users 100,1000\`, \`--seconds 30\` (measured), \`--warm-up 5\`, \`--drain 5\`, \`--start 500\` (offered
deliveries/s of the first step), \`--min 25\` (lowest offered deliveries/s when stepping down), \`--bisect 3\`, \`--max-steps 12\`, \`--rates a,b\` (messages/s per room, no search),
\`--workers 2\` (generator processes), \`--cpu-prof\` (profile the server; the top functions go into the report).
The generator and the server share the machine's two cores, which the generator CPU column shows.
`;

const OUTER_START = '<!-- bench:chat:start -->';
const OUTER_END = '<!-- bench:chat:end -->';
const blockPattern = (dialect: string) => new RegExp(`<!-- bench:chat-${dialect}:start -->[\\s\\S]*?<!-- bench:chat-${dialect}:end -->`);

/**
 * Replaces one database's block in the chat section, re-reading the file first. The explanation is
 * written only when the section is created: from then on everything else in the section (the
 * explanation, notes on the status written by hand, the other database's block) is kept as it is.
 */
export function updateChatSection(path: string, dialect: 'sqlite' | 'postgres', block: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  const wrapped = `<!-- bench:chat-${dialect}:start -->\n${block}\n<!-- bench:chat-${dialect}:end -->`;
  const outer = new RegExp(`${OUTER_START}[\\s\\S]*?${OUTER_END}`);
  const existing = outer.exec(current)?.[0];
  let section: string;
  if (existing === undefined) section = [OUTER_START, INTRO.trim(), wrapped, OUTER_END].join('\n\n');
  else if (blockPattern(dialect).test(existing)) section = existing.replace(blockPattern(dialect), () => wrapped);
  else if (dialect === 'sqlite' && blockPattern('postgres').test(existing)) {
    section = existing.replace(blockPattern('postgres'), (postgres) => `${wrapped}\n\n${postgres}`);
  } else section = existing.replace(OUTER_END, `${wrapped}\n\n${OUTER_END}`);
  const next = existing === undefined ? `${current.trimEnd()}\n\n${section}\n` : current.replace(outer, () => section);
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}
