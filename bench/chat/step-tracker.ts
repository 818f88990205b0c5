/**
 * One rate step as one generator process sees it: what each of its senders sent and when, which
 * member received which message, and the figures of the measured window.
 */
import type { StepPlan, WorkerStepResult } from './protocol.js';

/** Epoch milliseconds with sub-millisecond precision: the generator's clock, the reference for every latency. */
export const clockMs = (): number => performance.timeOrigin + performance.now();

const BODY_PREFIX = 'zsb ';

/** The message body carries the step, the room's sequence number and the send time, so any member can time its copy. */
export const messageBody = (step: number, seq: number, sentAt: number): string => `${BODY_PREFIX}${step} ${seq} ${sentAt.toFixed(3)}`;

interface RoomLog {
  readonly memberCount: number;
  readonly sentAt: Float64Array;
  readonly delivered: Uint16Array;
  readonly failed: Uint8Array;
  sent: number;
}

export class StepTracker {
  readonly windowStart: number;
  readonly windowEnd: number;
  private readonly rooms = new Map<string, RoomLog>();
  /** Per member, the sequence numbers already received, to count duplicates. */
  private readonly seen = new Map<string, Set<number>>();
  private deliveriesInWindow = 0;
  private readonly latencies: number[] = [];
  private readonly sendTimes: number[] = [];
  private duplicates = 0;
  private limitedTimelines = 0;
  private syncErrors = 0;
  private firstError: string | undefined;
  private syncAnswers = 0;
  private maxSendLagMs = 0;
  private cpuAtStart: NodeJS.CpuUsage | undefined;
  private cpuMicros = 0;
  private openedAt = 0;
  private windowMs = 0;

  constructor(readonly plan: StepPlan, rooms: ReadonlyMap<string, number>) {
    this.windowStart = plan.startAt + plan.warmUpMs;
    this.windowEnd = this.windowStart + plan.measureMs;
    const capacity = Math.ceil((plan.ratePerRoom * (plan.warmUpMs + plan.measureMs)) / 1000) + 2;
    for (const [roomId, memberCount] of rooms) {
      this.rooms.set(roomId, { memberCount, sentAt: new Float64Array(capacity), delivered: new Uint16Array(capacity), failed: new Uint8Array(capacity), sent: 0 });
    }
  }

  /** Called by the sender just before its request goes out; undefined once the step's sending time is over. */
  nextMessage(roomId: string, dueAt: number): { seq: number; body: string } | undefined {
    const log = this.rooms.get(roomId)!;
    const seq = log.sent;
    if (seq >= log.sentAt.length) return undefined;
    const sentAt = clockMs();
    log.sentAt[seq] = sentAt;
    log.sent += 1;
    if (sentAt - dueAt > this.maxSendLagMs) this.maxSendLagMs = sentAt - dueAt;
    return { seq, body: messageBody(this.plan.step, seq, sentAt) };
  }

  /** `error` says what went wrong when the send failed. */
  sendAnswered(roomId: string, seq: number, error: string | undefined): void {
    const log = this.rooms.get(roomId)!;
    if (error !== undefined) {
      log.failed[seq] = 1;
      this.firstError ??= `send: ${error}`;
    }
    const sentAt = log.sentAt[seq]!;
    if (this.inWindow(sentAt)) this.sendTimes.push(clockMs() - sentAt);
  }

  /** One message in one member's /sync answer. Copies of other steps' messages (late ones) are ignored. */
  delivered(memberId: string, roomId: string, body: string, receivedAt: number): void {
    if (!body.startsWith(BODY_PREFIX)) return;
    const [step, seqText, sentText] = body.slice(BODY_PREFIX.length).split(' ');
    if (Number(step) !== this.plan.step) return;
    const seq = Number(seqText);
    const sentAt = Number(sentText);
    const log = this.rooms.get(roomId);
    if (!log || !(seq < log.sent)) return;
    let seen = this.seen.get(memberId);
    if (!seen) this.seen.set(memberId, (seen = new Set()));
    if (seen.has(seq)) {
      this.duplicates += 1;
      return;
    }
    seen.add(seq);
    log.delivered[seq] = (log.delivered[seq] ?? 0) + 1;
    if (receivedAt >= this.windowStart && receivedAt < this.windowEnd) this.deliveriesInWindow += 1;
    if (this.inWindow(sentAt)) this.latencies.push(receivedAt - sentAt);
  }

  syncAnswered(receivedAt: number, limited: number): void {
    this.limitedTimelines += limited;
    if (receivedAt >= this.windowStart && receivedAt < this.windowEnd) this.syncAnswers += 1;
  }

  syncFailed(error: string): void {
    this.syncErrors += 1;
    this.firstError ??= `sync: ${error}`;
  }

  windowOpened(): void {
    this.cpuAtStart = process.cpuUsage();
    this.openedAt = clockMs();
  }

  windowClosed(): void {
    const used = process.cpuUsage(this.cpuAtStart);
    this.cpuMicros = used.user + used.system;
    this.windowMs = clockMs() - this.openedAt;
  }

  /** True when every message of the window reached every member (or failed to send, which nothing will fix). */
  settled(): boolean {
    for (const log of this.rooms.values()) {
      for (let seq = 0; seq < log.sent; seq++) {
        if (this.inWindow(log.sentAt[seq]!) && !log.failed[seq] && log.delivered[seq]! < log.memberCount) return false;
      }
    }
    return true;
  }

  result(): WorkerStepResult {
    let sent = 0;
    let sendErrors = 0;
    let lost = 0;
    let missingDeliveries = 0;
    for (const log of this.rooms.values()) {
      for (let seq = 0; seq < log.sent; seq++) {
        if (!this.inWindow(log.sentAt[seq]!)) continue;
        sent += 1;
        if (log.failed[seq]) sendErrors += 1;
        const missing = log.memberCount - log.delivered[seq]!;
        if (missing > 0) {
          lost += 1;
          missingDeliveries += missing;
        }
      }
    }
    return {
      sent,
      sendErrors,
      deliveriesInWindow: this.deliveriesInWindow,
      latencies: this.latencies,
      sendTimes: this.sendTimes,
      lost,
      missingDeliveries,
      duplicates: this.duplicates,
      limitedTimelines: this.limitedTimelines,
      syncErrors: this.syncErrors,
      firstError: this.firstError,
      syncAnswers: this.syncAnswers,
      cpuMicros: this.cpuMicros,
      windowMs: this.windowMs,
      maxSendLagMs: this.maxSendLagMs,
    };
  }

  private inWindow(sentAt: number): boolean {
    return sentAt >= this.windowStart && sentAt < this.windowEnd;
  }
}
