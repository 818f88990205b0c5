/** The server under test in its own process (bench/chat/chat-server.ts), driven over IPC. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ToServer } from './chat-server.js';

export interface ServerProcess {
  readonly pid: number;
  readonly ready: Promise<{ port: number; startupMs: number }>;
  /** Starts V8's CPU profiler inside the server. */
  startProfile(): Promise<void>;
  /** Stops it and writes the .cpuprofile file. */
  stopProfile(file: string): Promise<void>;
  stop(): Promise<void>;
}

export function startServerProcess(env: Record<string, string>): ServerProcess {
  const child = fork(fileURLToPath(new URL('./chat-server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    // The server's own output goes to stderr so that stdout carries only the report.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const ready = new Promise<{ port: number; startupMs: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number; startupMs: number }));
    child.once('exit', (code) => reject(new Error(`the server stopped during start-up (exit code ${code})`)));
  });
  const ask = (message: ToServer) =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send(message);
    });
  return {
    pid: child.pid!,
    ready,
    startProfile: () => ask({ kind: 'profile-start' }),
    stopProfile: (file) => ask({ kind: 'profile-stop', file }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ kind: 'stop' } satisfies ToServer);
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}
