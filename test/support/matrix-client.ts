/**
 * A Matrix client for HTTP tests: real requests to the test app listening on a loopback port,
 * every request body and every answer checked against the spec (./matrix-spec.ts), so a test
 * that passes also proves the endpoint speaks the Client-Server API.
 */
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/app.js';
import { validateRequest, validateResponse, type SpecProblems } from './matrix-spec.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export type MatrixJson = Record<string, unknown>;
export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface MatrixRequestOptions {
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent byte for byte instead of `body` (malformed JSON, media); not checked against the spec. */
  readonly raw?: string | Buffer;
  /** Content-Type of a `raw` body; application/json by default. */
  readonly contentType?: string;
  /** An access token; `null` sends none; left out, the client's own session token (if any). */
  readonly token?: string | null;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** The request is wrong on purpose: do not check it against the spec (the answer still is). */
  readonly malformed?: boolean;
  /** Neither request nor answer is a Client-Server API exchange (our admin API, preflights). */
  readonly offSpec?: boolean;
}

export interface MatrixResponse<T = MatrixJson> {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON answer; undefined when the answer is not JSON (then read `bytes`). */
  readonly body: T;
  readonly bytes: Buffer;
}

export interface MatrixSession {
  readonly userId: string;
  readonly deviceId: string;
  readonly accessToken: string;
}

export interface MatrixEvent {
  readonly type: string;
  readonly content: MatrixJson;
  readonly event_id: string;
  readonly sender: string;
  readonly origin_server_ts: number;
  readonly state_key?: string;
  readonly unsigned?: MatrixJson;
}

export interface JoinedRoomSync {
  readonly timeline?: { readonly events: MatrixEvent[]; readonly limited?: boolean; readonly prev_batch?: string };
  readonly state?: { readonly events: MatrixEvent[] };
  readonly ephemeral?: { readonly events: MatrixJson[] };
  readonly account_data?: { readonly events: MatrixJson[] };
  readonly summary?: MatrixJson;
  readonly unread_notifications?: { readonly highlight_count?: number; readonly notification_count?: number };
}

export interface SyncBody {
  readonly next_batch: string;
  readonly rooms?: {
    readonly join?: Readonly<Record<string, JoinedRoomSync>>;
    readonly invite?: Readonly<Record<string, MatrixJson>>;
    readonly leave?: Readonly<Record<string, MatrixJson>>;
  };
  readonly account_data?: { readonly events: MatrixJson[] };
  readonly to_device?: { readonly events: MatrixJson[] };
  readonly device_lists?: { readonly changed?: string[]; readonly left?: string[] };
  readonly device_one_time_keys_count?: Readonly<Record<string, number>>;
  readonly device_unused_fallback_key_types?: string[];
  /** Sections this type does not spell out (presence, extensions). */
  readonly [section: string]: unknown;
}

export interface SyncParams {
  readonly since?: string;
  readonly timeout?: number;
  /** A stored filter's ID, or an inline filter (sent as JSON). */
  readonly filter?: string | MatrixJson;
  readonly full_state?: boolean;
  readonly set_presence?: 'offline' | 'online' | 'unavailable';
}

/** The spec disagrees with what was sent or answered; the message lists every difference. */
export class MatrixSpecMismatch extends Error {
  constructor(what: string, problems: SpecProblems, body: unknown) {
    super(`${what} does not match the Matrix spec:\n${problems.map((p) => `  - ${p}`).join('\n')}\n  body: ${excerpt(body)}`);
    this.name = 'MatrixSpecMismatch';
  }
}

/** A convenience call got an answer other than 2xx. */
export class MatrixRequestFailed extends Error {
  constructor(
    what: string,
    readonly response: MatrixResponse<unknown>,
  ) {
    const body = (response.body ?? {}) as MatrixJson;
    super(`${what} → ${response.status} ${String(body.errcode ?? '')}: ${String(body.error ?? excerpt(body))}`);
    this.name = 'MatrixRequestFailed';
  }
}

const excerpt = (body: unknown) => {
  const text = Buffer.isBuffer(body) ? `<${body.length} bytes>` : JSON.stringify(body) ?? 'undefined';
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
};

const baseUrls = new WeakMap<App, Promise<string>>();

/** Base URL of the app, listening on a free loopback port from the first call; app.close() stops it. */
export function matrixBaseUrl(app: App): Promise<string> {
  let url = baseUrls.get(app);
  if (!url) {
    url = app.http.listen({ port: 0, host: '127.0.0.1' }).then(() => `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`);
    baseUrls.set(app, url);
  }
  return url;
}

/** A client without a session, for registering, logging in and unauthenticated endpoints. */
export async function matrixClient(app: App): Promise<MatrixTestClient> {
  return new MatrixTestClient(await matrixBaseUrl(app));
}

/**
 * A user with a device and an access token, made through the accounts service rather than
 * /register (password TEST_PASSWORD), for tests that need someone signed in but are not about
 * registration.
 */
export async function createTestUser(app: App, localpart: string, options: { admin?: boolean; deviceId?: string } = {}): Promise<MatrixTestClient> {
  const account = await app.chat.accounts.createUser({ username: localpart, password: TEST_PASSWORD, admin: options.admin ?? false });
  const session = await app.chat.accounts.startSession(account.userId, { deviceId: options.deviceId, ip: null });
  return new MatrixTestClient(await matrixBaseUrl(app), session);
}

let transactionCounter = 0;

export class MatrixTestClient {
  constructor(
    readonly baseUrl: string,
    readonly session?: MatrixSession,
  ) {}

  get userId(): string {
    return this.signedIn().userId;
  }

  get deviceId(): string {
    return this.signedIn().deviceId;
  }

  get accessToken(): string {
    return this.signedIn().accessToken;
  }

  /** Sends one request and checks both sides against the spec; answers of any status are returned. */
  async request<T = MatrixJson>(method: string, path: string, options: MatrixRequestOptions = {}): Promise<MatrixResponse<T>> {
    const what = `${method} ${path}`;
    const checkSpec = !options.offSpec && method !== 'OPTIONS';
    if (checkSpec && !options.malformed && options.raw === undefined) {
      const problems = validateRequest(method, path, options.body);
      if (problems.length > 0) throw new MatrixSpecMismatch(`request ${what}`, problems, options.body);
    }
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.session?.accessToken : options.token;
    if (token !== null && token !== undefined) headers.authorization = `Bearer ${token}`;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.raw !== undefined) {
      payload = typeof options.raw === 'string' ? options.raw : Uint8Array.from(options.raw);
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const answer = await fetch(this.url(path, options.query), { method, headers, body: payload });
    const bytes = Buffer.from(await answer.arrayBuffer());
    const contentType = answer.headers.get('content-type') ?? '';
    const body = contentType.startsWith('application/json') ? parseJson(bytes) : undefined;
    if (answer.status >= 500) throw new MatrixSpecMismatch(`${what} → ${answer.status}`, ['a Matrix server must never answer 5xx to a client'], body ?? bytes);
    if (checkSpec) {
      const problems = validateResponse(method, path, answer.status, body ?? bytes, contentType);
      if (problems.length > 0) throw new MatrixSpecMismatch(`answer to ${what} (${answer.status})`, problems, body ?? bytes);
    }
    return { status: answer.status, headers: answer.headers, body: body as T, bytes };
  }

  /** Like request(), but anything other than 2xx throws MatrixRequestFailed; returns the body. */
  async requestOk<T = MatrixJson>(method: string, path: string, options: MatrixRequestOptions = {}): Promise<T> {
    const response = await this.request<T>(method, path, options);
    if (response.status < 200 || response.status > 299) {
      throw new MatrixRequestFailed(`${method} ${path}`, response);
    }
    return response.body;
  }

  /** A signed-in client for the same server. */
  as(session: MatrixSession): MatrixTestClient {
    return new MatrixTestClient(this.baseUrl, session);
  }

  /**
   * Registers through user-interactive auth as a real client does: the first attempt only learns
   * the flows and session, then each stage of a flow we can complete (m.login.registration_token
   * when a token is given, m.login.dummy) is sent in turn.
   */
  async register(
    localpart: string,
    password = TEST_PASSWORD,
    options: { registrationToken?: string; deviceId?: string; deviceName?: string } = {},
  ): Promise<MatrixTestClient> {
    const path = '/_matrix/client/v3/register';
    const base = {
      username: localpart,
      password,
      ...(options.deviceId ? { device_id: options.deviceId } : {}),
      ...(options.deviceName ? { initial_device_display_name: options.deviceName } : {}),
    };
    let response = await this.request('POST', path, { body: base, token: null });
    for (let stages = 0; response.status === 401 && stages < 4; stages += 1) {
      const auth = nextRegistrationStage(response.body, options.registrationToken);
      response = await this.request('POST', path, { body: { ...base, auth }, token: null });
    }
    if (response.status !== 200) throw new MatrixRequestFailed(`register ${localpart}`, response);
    return this.as(sessionFrom(response.body));
  }

  async login(user: string, password = TEST_PASSWORD, options: { deviceId?: string } = {}): Promise<MatrixTestClient> {
    const body = await this.requestOk('POST', '/_matrix/client/v3/login', {
      body: {
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user },
        password,
        ...(options.deviceId ? { device_id: options.deviceId } : {}),
      },
      token: null,
    });
    return this.as(sessionFrom(body));
  }

  /** Creates a room and returns its ID; `options` is the createRoom body. */
  async createRoom(options: MatrixJson = {}): Promise<string> {
    const body = await this.requestOk<{ room_id: string }>('POST', '/_matrix/client/v3/createRoom', { body: options });
    return body.room_id;
  }

  /** Sends an m.text message with a fresh transaction ID and returns the event ID. */
  async sendMessage(roomId: string, text: string): Promise<string> {
    transactionCounter += 1;
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/txn${transactionCounter}`;
    const body = await this.requestOk<{ event_id: string }>('PUT', path, { body: { msgtype: 'm.text', body: text } });
    return body.event_id;
  }

  async sync(params: SyncParams = {}): Promise<SyncBody> {
    const { filter, ...rest } = params;
    const query = { ...rest, ...(filter === undefined ? {} : { filter: typeof filter === 'string' ? filter : JSON.stringify(filter) }) };
    return this.requestOk<SyncBody>('GET', '/_matrix/client/v3/sync', { query });
  }

  private signedIn(): MatrixSession {
    if (!this.session) throw new Error('this MatrixTestClient is not signed in: use register(), login() or createTestUser()');
    return this.session;
  }

  private url(path: string, query: MatrixRequestOptions['query'] = {}): string {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    return url.toString();
  }
}

/** Downloaded media may say application/json and hold anything; such a body stays bytes. */
function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function sessionFrom(body: MatrixJson): MatrixSession {
  const { user_id: userId, device_id: deviceId, access_token: accessToken } = body;
  if (typeof userId !== 'string' || typeof deviceId !== 'string' || typeof accessToken !== 'string') {
    throw new Error(`no session in ${excerpt(body)}`);
  }
  return { userId, deviceId, accessToken };
}

const STAGES_WE_COMPLETE = new Set(['m.login.dummy', 'm.login.registration_token']);

function nextRegistrationStage(challenge: MatrixJson, registrationToken: string | undefined): MatrixJson {
  const session = challenge.session;
  const completed = new Set(Array.isArray(challenge.completed) ? challenge.completed : []);
  const flows = Array.isArray(challenge.flows) ? (challenge.flows as { stages?: unknown }[]) : [];
  const doable = (stage: unknown) => STAGES_WE_COMPLETE.has(String(stage)) && (stage !== 'm.login.registration_token' || registrationToken !== undefined);
  const flow = flows.map((f) => (Array.isArray(f.stages) ? f.stages : [])).find((stages) => stages.every(doable));
  const stage = flow?.find((s) => !completed.has(s));
  if (typeof session !== 'string' || stage === undefined) throw new Error(`cannot complete registration: ${excerpt(challenge)}`);
  return stage === 'm.login.registration_token' ? { type: stage, token: registrationToken, session } : { type: stage, session };
}
