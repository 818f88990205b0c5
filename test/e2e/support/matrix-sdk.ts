/**
 * Drives matrix-js-sdk with its Rust crypto (in-memory store) against the real homeserver listening
 * on a loopback port: accounts through the SDK's own register and login calls, one MatrixClient per
 * device, waits on what a user would see (decrypted text, memberships, typing, receipts) with a
 * time limit and a failure message that says what was seen instead.
 *
 * The SDK and the Rust crypto log through `console` at debug level; while a server runs, that output,
 * every answer of the server and every failed HTTP exchange with both bodies go to a log file (the
 * latest run's, one per dialect) named in each failure message.
 */
import './promise-with-resolvers.js';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import {
  createClient,
  MatrixError,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
  type Room,
} from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { CryptoApi } from 'matrix-js-sdk/lib/crypto-api/index.js';

// Tests take the SDK from here, so nothing of it loads before the polyfill above.
export { Direction, MatrixError, MsgType, Preset, type MatrixEvent } from 'matrix-js-sdk';
import type { DialectName } from '../../../src/platform/db/database.js';
import { buildTestApp, type TestApp } from '../../support/test-app.js';

const WAIT_LIMIT_MS = 15_000;
const EVENTS_DESCRIBED = 8;
const POLL_INTERVAL_MS = 20;
const LOGGED_BODY_CHARS = 2_000;

/**
 * The SDK arms a 60 s (110 s for /sync) timer for every request and never clears it
 * (matrix-org/matrix-js-sdk#2472), which would keep the test process alive for two minutes after
 * the clients stop. Timers of a minute or more no longer hold the process: nothing here waits that long.
 */
const UNREF_TIMERS_FROM_MS = 60_000;
const originalSetTimeout = globalThis.setTimeout;
const setTimeoutNotHoldingTheProcess = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): NodeJS.Timeout => {
  const timer = originalSetTimeout(callback, ms, ...args);
  if ((ms ?? 0) >= UNREF_TIMERS_FROM_MS) timer.unref();
  return timer;
};
globalThis.setTimeout = Object.assign(setTimeoutNotHoldingTheProcess, { __promisify__: originalSetTimeout.__promisify__ }) as typeof setTimeout;

export interface TestUser {
  readonly localpart: string;
  readonly userId: string;
  readonly password: string;
}

interface WaitOptions {
  /** What was seen instead, for the failure message. */
  readonly explain?: () => string | Promise<string>;
}

const CONSOLE_METHODS = ['log', 'debug', 'info', 'warn', 'error', 'trace'] as const;
type ConsoleMethod = (typeof CONSOLE_METHODS)[number];

class SdkLogFile {
  readonly path: string;
  private readonly stream: WriteStream;
  private readonly originalConsole = new Map<ConsoleMethod, (...args: unknown[]) => void>();

  constructor(label: string) {
    this.path = join(tmpdir(), `zesummen-matrix-sdk-${label}.log`);
    this.stream = createWriteStream(this.path);
  }

  write(line: string): void {
    this.stream.write(`${new Date().toISOString()} ${line}\n`);
  }

  captureConsole(): void {
    for (const method of CONSOLE_METHODS) {
      this.originalConsole.set(method, console[method]);
      console[method] = (...args: unknown[]) => this.write(`${method.toUpperCase()} ${format(...args)}`);
    }
  }

  async close(): Promise<void> {
    for (const [method, original] of this.originalConsole) console[method] = original;
    this.originalConsole.clear();
    await new Promise<void>((resolve) => this.stream.end(resolve));
  }
}

/** Holds a client's /sync traffic, like a phone that lost its network, until released. */
class SyncHold {
  private released: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  hold(): () => void {
    if (!this.release) this.released = new Promise<void>((resolve) => (this.release = resolve));
    return () => this.releaseNow();
  }

  releaseNow(): void {
    this.release?.();
    this.release = undefined;
  }

  passed(): Promise<void> {
    return this.released;
  }
}

const requestUrl = (input: Parameters<typeof fetch>[0]): URL =>
  new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

const bodyText = (body: unknown): string => (typeof body === 'string' ? body.slice(0, LOGGED_BODY_CHARS) : body === undefined || body === null ? '' : '<binary>');

export const describeError = (error: unknown): string =>
  error instanceof MatrixError
    ? `${error.httpStatus ?? '?'} ${error.errcode ?? ''} ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);

export class MatrixTestServer {
  private readonly devices: SdkDevice[] = [];
  private readonly requestsInFlight = new Set<Promise<unknown>>();

  private constructor(
    readonly app: TestApp,
    readonly baseUrl: string,
    readonly log: SdkLogFile,
    private readonly requestsBeingHandled: ReadonlySet<string>,
  ) {}

  static async start(dialect: DialectName): Promise<MatrixTestServer> {
    const log = new SdkLogFile(`e2e-${dialect}`);
    log.captureConsole();
    try {
      const app = await buildTestApp(dialect);
      const requestsBeingHandled = new Set<string>();
      app.http.addHook('onRequest', async (request) => {
        requestsBeingHandled.add(request.id);
      });
      // onSend runs for every answer, also for a client that already left (onResponse does not).
      app.http.addHook('onSend', async (request, reply, payload) => {
        requestsBeingHandled.delete(request.id);
        log.write(`SERVER ${request.method} ${request.url} -> ${reply.statusCode} ${Math.round(reply.elapsedTime)}ms`);
        return payload;
      });
      await app.http.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.http.server.address() as AddressInfo;
      return new MatrixTestServer(app, `http://127.0.0.1:${port}`, log, requestsBeingHandled);
    } catch (error) {
      await log.close();
      throw error;
    }
  }

  get serverName(): string {
    return this.app.config.chat.serverName;
  }

  /** Registers through the user-interactive flow a client follows: the 401 challenge, then m.login.dummy. */
  async register(localpart: string, password = `${localpart} has a long passphrase`): Promise<TestUser> {
    const client = this.anonymousClient(`register:${localpart}`);
    const challenge = await client.registerRequest({ username: localpart, password }).then(
      () => new Error('the server registered without user-interactive auth'),
      (error: unknown) => error,
    );
    if (!(challenge instanceof MatrixError) || challenge.httpStatus !== 401) {
      throw new Error(`registering ${localpart} should start with a 401 user-interactive challenge, got ${describeError(challenge)} (log: ${this.log.path})`);
    }
    const { session, flows } = challenge.data as { session?: unknown; flows?: { stages?: string[] }[] };
    if (typeof session !== 'string' || !flows?.some((flow) => flow.stages?.length === 1 && flow.stages[0] === 'm.login.dummy')) {
      throw new Error(`the registration challenge offers no m.login.dummy flow with a session: ${JSON.stringify(challenge.data)}`);
    }
    const registered = await client.registerRequest({
      username: localpart,
      password,
      auth: { type: 'm.login.dummy', session },
      inhibit_login: true,
    });
    return { localpart, userId: registered.user_id, password };
  }

  /** Logs in with the password (a new device), starts the client with Rust crypto and waits for its first sync and published keys. */
  async login(user: TestUser, deviceName: string): Promise<SdkDevice> {
    const session = await this.anonymousClient(`login:${user.localpart}`).loginRequest({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: user.localpart },
      password: user.password,
      initial_device_display_name: deviceName,
    });
    const label = `${user.localpart}/${session.device_id}`;
    const syncHold = new SyncHold();
    const client = createClient({
      baseUrl: this.baseUrl,
      userId: session.user_id,
      deviceId: session.device_id,
      accessToken: session.access_token,
      fetchFn: this.loggingFetch(label, syncHold),
      logger: sdkLogger.getChild(`[${label}]`),
    });
    const device = new SdkDevice(this, client, user, session.device_id, syncHold);
    this.devices.push(device);
    await client.initRustCrypto({ useIndexedDB: false });
    await client.startClient();
    await device.waitUntilSyncing();
    await device.waitUntilKeysPublished();
    return device;
  }

  async waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, options: WaitOptions = {}): Promise<T> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    let lastError: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false) return value;
        lastError = undefined;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    const seen = options.explain ? `; seen instead: ${await options.explain()}` : '';
    const failure = lastError === undefined ? '' : `; last check failed with: ${describeError(lastError)}`;
    throw new Error(`Timed out after ${WAIT_LIMIT_MS} ms waiting for ${what}${seen}${failure} (SDK, crypto and HTTP log: ${this.log.path})`);
  }

  async close(): Promise<void> {
    for (const device of this.devices) device.stop();
    try {
      // What the clients do with their last answers still logs; let it reach the log file.
      await Promise.allSettled([...this.requestsInFlight]);
      await new Promise((resolve) => setImmediate(resolve));
      // A long-poll whose client left still finishes its answer; closing the database under it would fail it.
      await this.waitFor('the server to finish the requests of the stopped clients', () => this.requestsBeingHandled.size === 0, {
        explain: () => `${this.requestsBeingHandled.size} requests still being handled`,
      });
      // Aborted long-polls leave half-open keep-alive connections that would hold close() for the keep-alive timeout.
      this.app.http.server.closeAllConnections();
    } finally {
      try {
        await this.app.close();
      } finally {
        await this.log.close();
      }
    }
  }

  private anonymousClient(label: string): MatrixClient {
    return createClient({ baseUrl: this.baseUrl, fetchFn: this.loggingFetch(label), logger: sdkLogger.getChild(`[${label}]`) });
  }

  /** Logs each failed exchange with both bodies; holds /sync while the device's sync is held; remembers what is in flight. */
  private loggingFetch(label: string, syncHold?: SyncHold): typeof fetch {
    return (input, init) => {
      const exchange = this.exchange(label, syncHold, input, init);
      this.requestsInFlight.add(exchange);
      void exchange.finally(() => this.requestsInFlight.delete(exchange)).catch(() => undefined);
      return exchange;
    };
  }

  private async exchange(label: string, syncHold: SyncHold | undefined, ...[input, init]: Parameters<typeof fetch>): Promise<Response> {
    const url = requestUrl(input);
    const isSync = url.pathname.endsWith('/sync');
    if (isSync && syncHold) await syncHold.passed();
    const response = await fetch(input, init);
    if (isSync && syncHold) await syncHold.passed();
    if (!response.ok) {
      const answer = await response.clone().text();
      this.log.write(
        `HTTP-FAILURE [${label}] ${init?.method ?? 'GET'} ${url.pathname}${url.search} request=${bodyText(init?.body)} -> ${response.status} ${answer.slice(0, LOGGED_BODY_CHARS)}`,
      );
    }
    return response;
  }
}

interface TimelineMessage {
  readonly event: MatrixEvent;
  readonly body: unknown;
}

/** One logged-in device: a running MatrixClient with Rust crypto. */
export class SdkDevice {
  constructor(
    readonly server: MatrixTestServer,
    readonly client: MatrixClient,
    readonly user: TestUser,
    readonly deviceId: string,
    private readonly syncHold: SyncHold,
  ) {}

  get userId(): string {
    return this.user.userId;
  }

  get crypto(): CryptoApi {
    const crypto = this.client.getCrypto();
    if (!crypto) throw new Error(`${this.label} has no crypto`);
    return crypto;
  }

  get label(): string {
    return `${this.user.localpart}/${this.deviceId}`;
  }

  /** Cross-signing keys made on this device, uploaded with the password as user-interactive auth. */
  async bootstrapCrossSigning(): Promise<void> {
    await this.crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: (makeRequest) =>
        makeRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: this.userId }, password: this.user.password }),
    });
  }

  /** Until the returned function is called, this device's /sync requests and answers wait. */
  holdSync(): () => void {
    return this.syncHold.hold();
  }

  room(roomId: string): Room {
    const room = this.client.getRoom(roomId);
    if (!room) throw new Error(`${this.label} does not know room ${roomId}`);
    return room;
  }

  /** The room's live timeline, oldest first, with what each event says to this device's user. */
  timeline(roomId: string): TimelineMessage[] {
    return (this.client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? []).map((event) => ({ event, body: event.getContent().body }));
  }

  /** The decrypted bodies of the room messages in the live timeline, oldest first. */
  messageBodies(roomId: string): unknown[] {
    return this.timeline(roomId)
      .filter(({ event }) => event.getType() === 'm.room.message')
      .map(({ body }) => body);
  }

  describeTimeline(roomId: string): string {
    const room = this.client.getRoom(roomId);
    if (!room) return `${this.label} does not know the room (its rooms: ${this.client.getRooms().map((r) => `${r.roomId}=${r.getMyMembership()}`).join(', ') || 'none'})`;
    const events = room.getLiveTimeline().getEvents().slice(-EVENTS_DESCRIBED);
    const shown = events.map((event) => {
      const what = event.isDecryptionFailure() ? `undecryptable(${event.decryptionFailureReason ?? '?'})` : JSON.stringify(event.getContent().body ?? event.getContent().membership ?? '');
      return `${event.getType()}${event.isEncrypted() ? '[encrypted]' : ''} from ${event.getSender() ?? '?'} ${what}`;
    });
    return `${this.label} sees membership ${room.getMyMembership()}, last events: ${shown.join(' | ') || 'none'}`;
  }

  /** Waits until an encrypted room message with this text has been decrypted on this device. */
  async waitForDecryptedMessage(roomId: string, body: string): Promise<MatrixEvent> {
    return this.server.waitFor(
      `${this.label} to decrypt "${body}" in ${roomId}`,
      () => this.timeline(roomId).find(({ event, body: seen }) => event.isEncrypted() && !event.isDecryptionFailure() && event.getType() === 'm.room.message' && seen === body)?.event,
      { explain: () => this.describeTimeline(roomId) },
    );
  }

  async waitForMyMembership(roomId: string, membership: string): Promise<Room> {
    return this.server.waitFor(
      `${this.label} to see its own membership "${membership}" in ${roomId}`,
      () => {
        const room = this.client.getRoom(roomId);
        return room?.getMyMembership() === membership ? room : undefined;
      },
      { explain: () => this.describeTimeline(roomId) },
    );
  }

  async waitForMembership(roomId: string, userId: string, membership: string): Promise<void> {
    await this.server.waitFor(
      `${this.label} to see ${userId} with membership "${membership}" in ${roomId}`,
      () => this.client.getRoom(roomId)?.getMember(userId)?.membership === membership,
      { explain: () => this.describeTimeline(roomId) },
    );
  }

  async waitForEncryptedRoom(roomId: string): Promise<Room> {
    await this.server.waitFor(`${this.label} to know that ${roomId} is encrypted`, () => this.crypto.isEncryptionEnabledInRoom(roomId), {
      explain: () => this.describeTimeline(roomId),
    });
    return this.room(roomId);
  }

  async waitUntilSyncing(): Promise<void> {
    await this.server.waitFor(
      `${this.label} to finish its first sync`,
      () => {
        const state = this.client.getSyncState();
        return state === SyncState.Prepared || state === SyncState.Syncing;
      },
      { explain: () => `sync state ${this.client.getSyncState() ?? 'none'}, ${describeError(this.client.getSyncStateData()?.error ?? 'no error')}` },
    );
  }

  /** Until its keys are on the server, no other device can encrypt for this one. */
  async waitUntilKeysPublished(): Promise<void> {
    await this.server.waitFor(`${this.label} to publish its device keys`, async () => {
      const keys = await this.client.downloadKeysForUsers([this.userId]);
      return keys.device_keys?.[this.userId]?.[this.deviceId] !== undefined;
    });
  }

  stop(): void {
    this.syncHold.releaseNow();
    this.client.stopClient();
  }
}
