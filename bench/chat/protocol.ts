/** Messages between the benchmark and its load-generator processes. */

export interface BenchUser {
  readonly userId: string;
  readonly accessToken: string;
}

export interface BenchRoom {
  readonly roomId: string;
  /** Position among all rooms of the run, which spreads the senders' first messages over one interval. */
  readonly index: number;
  /** The first member is the room's sender; every member, the sender included, long-polls /sync. */
  readonly members: readonly BenchUser[];
}

export interface StepPlan {
  readonly step: number;
  /** Messages per second each room's sender sends. */
  readonly ratePerRoom: number;
  readonly roomCount: number;
  /** Epoch milliseconds, the same for every generator process. */
  readonly startAt: number;
  readonly warmUpMs: number;
  readonly measureMs: number;
  /** How long after the last send deliveries may still arrive before a message counts as lost. */
  readonly drainMs: number;
}

export interface WorkerStepResult {
  /** Messages whose send started inside the measured window. */
  readonly sent: number;
  readonly sendErrors: number;
  /** Copies of benchmark messages (warm-up ones included) that members received inside the window. */
  readonly deliveriesInWindow: number;
  /** Send-to-delivery milliseconds of every delivered copy of the window's messages. */
  readonly latencies: number[];
  /** Milliseconds until the server answered each send of the window (its write path alone). */
  readonly sendTimes: number[];
  /** Window messages that did not reach every member before the drain ended. */
  readonly lost: number;
  readonly missingDeliveries: number;
  readonly duplicates: number;
  /** /sync answers with a timeline gap (limited: true): the client would have to paginate to see what it skipped. */
  readonly limitedTimelines: number;
  readonly syncErrors: number;
  /** What the first failed send or /sync of the step got back, to tell an overloaded server from a broken one. */
  readonly firstError: string | undefined;
  /** /sync answers received inside the window. */
  readonly syncAnswers: number;
  /** This process's user and system CPU inside the window, in microseconds. */
  readonly cpuMicros: number;
  /** How long the window lasted for this process: longer than planned when its event loop was starved. */
  readonly windowMs: number;
  /** Largest delay between when a send was due and when it went out: a busy generator shows here. */
  readonly maxSendLagMs: number;
}

export type ToWorker =
  | { readonly kind: 'init'; readonly origin: string; readonly rooms: readonly BenchRoom[]; readonly filter: unknown }
  | { readonly kind: 'step'; readonly plan: StepPlan }
  | { readonly kind: 'stop' };

export type FromWorker =
  | { readonly kind: 'connected' }
  | { readonly kind: 'step-done'; readonly result: WorkerStepResult }
  | { readonly kind: 'failed'; readonly message: string };
