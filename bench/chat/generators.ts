/** The load-generator processes, each given whole rooms, driven step by step over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRoom, FromWorker, StepPlan, ToWorker, WorkerStepResult } from './protocol.js';

export interface Generators {
  readonly pids: readonly number[];
  /** Resolves once every member has its filter, has done its initial sync and is long-polling. */
  readonly connected: Promise<void>;
  runStep(plan: StepPlan): Promise<WorkerStepResult[]>;
  stop(): void;
}

class Worker {
  private readonly child: ChildProcess;
  private waiting: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;

  constructor() {
    this.child = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] });
    this.child.on('message', (message: FromWorker) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (message.kind === 'failed') waiting?.reject(new Error(`load generator failed: ${message.message}`));
      else waiting?.resolve(message);
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`load generator exited (code ${code})`)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  ask(message: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(message);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.send({ kind: 'stop' } satisfies ToWorker);
  }
}

export function startGenerators(count: number, origin: string, rooms: readonly BenchRoom[], filter: unknown): Generators {
  const workers = Array.from({ length: Math.max(1, Math.min(count, rooms.length)) }, () => new Worker());
  const share = (i: number) => rooms.filter((room) => room.index % workers.length === i);
  const connected = Promise.all(workers.map((worker, i) => worker.ask({ kind: 'init', origin, rooms: share(i), filter }))).then(() => undefined);
  return {
    pids: workers.map((worker) => worker.pid),
    connected,
    async runStep(plan) {
      const answers = await Promise.all(workers.map((worker) => worker.ask({ kind: 'step', plan })));
      return answers.map((answer) => {
        if (answer.kind !== 'step-done') throw new Error(`unexpected answer from a load generator: ${answer.kind}`);
        return answer.result;
      });
    },
    stop: () => workers.forEach((worker) => worker.stop()),
  };
}
