/**
 * One load-generator process: a share of the rooms, with every member long-polling /sync like a
 * client and each room's sender sending at the step's rate. Whole rooms live in one process, so a
 * message's send time and its members' receive times come from the same clock.
 */
import { MatrixHttp, expectOk } from './matrix-http.js';
import { StepTracker, clockMs } from './step-tracker.js';
import type { BenchRoom, BenchUser, FromWorker, StepPlan, ToWorker } from './protocol.js';

interface SyncAnswer {
  next_batch: string;
  rooms?: { join?: Record<string, { timeline?: { events?: { type: string; content?: { body?: unknown } }[]; limited?: boolean } }> };
}

interface Member {
  readonly user: BenchUser;
  readonly roomId: string;
  filterId: string;
  since: string;
}

const SYNC_TIMEOUT_MS = 30_000;
/** How long an overloaded server may take to answer the sends still queued after a step, before the next step starts. */
const BACKLOG_LIMIT_MS = 120_000;
/** Initial syncs at once per process while connecting, so connecting does not itself overload the server. */
const CONNECT_CONCURRENCY = 20;

const report = (message: FromWorker) => process.send?.(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let http: MatrixHttp;
let rooms: readonly BenchRoom[] = [];
let tracker: StepTracker | undefined;
let stopping = false;
let pendingSends = 0;

const syncPath = (member: Member, timeout: number) =>
  `/_matrix/client/v3/sync?filter=${encodeURIComponent(member.filterId)}&timeout=${timeout}` +
  (member.since ? `&since=${encodeURIComponent(member.since)}` : '');

async function connect(member: Member, filter: unknown): Promise<void> {
  const created = expectOk<{ filter_id: string }>(
    'filter upload',
    await http.send('POST', `/_matrix/client/v3/user/${encodeURIComponent(member.user.userId)}/filter`, member.user.accessToken, filter),
  );
  member.filterId = created.filter_id;
  const initial = expectOk<SyncAnswer>('initial sync', await http.get(syncPath(member, 0), member.user.accessToken));
  member.since = initial.next_batch;
}

/** A client's sync loop: the next long-poll goes out as soon as the previous answer is read. */
async function poll(member: Member): Promise<void> {
  while (!stopping) {
    let answer: SyncAnswer;
    let receivedAt: number;
    try {
      const response = await http.get(syncPath(member, SYNC_TIMEOUT_MS), member.user.accessToken);
      receivedAt = clockMs();
      if (response.status !== 200) throw new Error(`HTTP ${response.status} ${response.body.slice(0, 200)}`);
      answer = JSON.parse(response.body) as SyncAnswer;
    } catch (error) {
      if (stopping) return;
      tracker?.syncFailed(error instanceof Error ? error.message : String(error));
      await sleep(100);
      continue;
    }
    member.since = answer.next_batch;
    let limited = 0;
    for (const [roomId, room] of Object.entries(answer.rooms?.join ?? {})) {
      if (room.timeline?.limited) limited += 1;
      for (const event of room.timeline?.events ?? []) {
        const body = event.content?.body;
        if (event.type === 'm.room.message' && typeof body === 'string') tracker?.delivered(member.user.userId, roomId, body, receivedAt);
      }
    }
    tracker?.syncAnswered(receivedAt, limited);
  }
}

/** Open loop: each message goes out when due, whether or not earlier ones were answered, as independent clients would. */
function runSender(room: BenchRoom, plan: StepPlan, step: StepTracker): void {
  const sender = room.members[0]!;
  const interval = 1000 / plan.ratePerRoom;
  const firstAt = plan.startAt + interval * (room.index / plan.roomCount);
  const sendUntil = step.windowEnd;
  const path = `/_matrix/client/v3/rooms/${encodeURIComponent(room.roomId)}/send/m.room.message/`;
  let due = firstAt;
  const tick = () => {
    for (;;) {
      if (due >= sendUntil) return;
      const wait = due - clockMs();
      if (wait > 0.5) {
        setTimeout(tick, wait);
        return;
      }
      const message = step.nextMessage(room.roomId, due);
      if (!message) return;
      due += interval;
      const { seq, body } = message;
      pendingSends += 1;
      http
        .send('PUT', `${path}b${plan.step}.${seq}`, sender.accessToken, { msgtype: 'm.text', body })
        .then((response) => step.sendAnswered(room.roomId, seq, response.status === 200 ? undefined : `HTTP ${response.status} ${response.body.slice(0, 200)}`))
        .catch((error: Error) => step.sendAnswered(room.roomId, seq, error.message))
        .finally(() => (pendingSends -= 1));
    }
  };
  setTimeout(tick, Math.max(0, firstAt - clockMs()));
}

async function runStep(plan: StepPlan): Promise<void> {
  const step = new StepTracker(plan, new Map(rooms.map((room) => [room.roomId, room.members.length])));
  tracker = step;
  for (const room of rooms) runSender(room, plan, step);
  await sleep(step.windowStart - clockMs());
  step.windowOpened();
  await sleep(step.windowEnd - clockMs());
  step.windowClosed();
  const drainUntil = step.windowEnd + plan.drainMs;
  while (clockMs() < drainUntil && !step.settled()) await sleep(50);
  const result = step.result();
  // An overloaded server still has sends queued: the next step must not start with this one's backlog.
  const backlogUntil = clockMs() + BACKLOG_LIMIT_MS;
  while (pendingSends > 0 && clockMs() < backlogUntil) await sleep(100);
  report({ kind: 'step-done', result });
}

async function init(origin: string, assigned: readonly BenchRoom[], filter: unknown): Promise<void> {
  http = new MatrixHttp(origin);
  rooms = assigned;
  const members: Member[] = rooms.flatMap((room) => room.members.map((user) => ({ user, roomId: room.roomId, filterId: '', since: '' })));
  let next = 0;
  const connectNext = async () => {
    while (next < members.length) await connect(members[next++]!, filter);
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, connectNext));
  for (const member of members) void poll(member);
  report({ kind: 'connected' });
}

process.on('message', (message: ToWorker) => {
  const failed = (error: unknown) => report({ kind: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  if (message.kind === 'init') init(message.origin, message.rooms, message.filter).catch(failed);
  if (message.kind === 'step') runStep(message.plan).catch(failed);
  if (message.kind === 'stop') {
    stopping = true;
    http?.close();
    process.exit(0);
  }
});
