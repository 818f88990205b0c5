/**
 * The server under test, in a process of its own like in production (as bench/bench-server.ts),
 * with V8's sampling profiler switched on and off by the benchmark so that a profile covers the
 * load steps only, not start-up, room creation and a thousand initial syncs.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../../src/config/config.js';
import { buildApp } from '../../src/app.js';

export type ToServer = { readonly kind: 'stop' } | { readonly kind: 'profile-start' } | { readonly kind: 'profile-stop'; readonly file: string };

const started = performance.now();
const app = await buildApp(loadConfig());
const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: Number(new URL(address).port), startupMs: performance.now() - started });

let profiler: Session | undefined;

async function handle(message: ToServer): Promise<void> {
  if (message.kind === 'stop') {
    await app.close();
    process.exit(0);
  }
  if (message.kind === 'profile-start') {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    process.send?.({ kind: 'profiling' });
  }
  if (message.kind === 'profile-stop' && profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(message.file, JSON.stringify(profile));
    profiler.disconnect();
    profiler = undefined;
    process.send?.({ kind: 'profile-written' });
  }
}

process.on('message', (message: ToServer) => void handle(message));
