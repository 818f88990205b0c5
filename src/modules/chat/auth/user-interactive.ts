import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../shared/clock.js';
import { MatrixError } from '../matrix-error.js';

/** A stage checks its part of the `auth` dict; it throws a MatrixError (kept in the 401 answer) when it fails. */
export type StageCheck = (auth: Record<string, unknown>) => Promise<void>;

export interface UserInteractiveAuthRequest {
  /** The `auth` member of the request body, if the client sent one. */
  readonly auth: unknown;
  /** The alternative sequences of stages, e.g. [['m.login.password']]. */
  readonly flows: readonly (readonly string[])[];
  readonly stages: Readonly<Record<string, StageCheck>>;
  readonly params?: Record<string, unknown>;
  /** Binds a session to one user and one operation, so it cannot be replayed for another. */
  readonly purpose: string;
}

interface Session {
  readonly purpose: string;
  readonly completed: string[];
  readonly createdMs: number;
}

const SESSION_LIFETIME_MS = 15 * 60_000;
const MAX_SESSIONS = 10_000;

/**
 * The spec's user-interactive authentication: answers 401 with the flows until the client has
 * completed every stage of one flow in one session. Sessions live in memory: they last minutes.
 */
export class UserInteractiveAuth {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: Clock) {}

  async require(request: UserInteractiveAuthRequest): Promise<void> {
    const now = this.clock.now().getTime();
    this.expire(now);
    const auth = isRecord(request.auth) ? request.auth : undefined;
    const sessionId = typeof auth?.session === 'string' ? auth.session : undefined;
    let session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (session && session.purpose !== request.purpose) session = undefined;
    const id = session && sessionId ? sessionId : randomBytes(18).toString('base64url');
    if (!session) {
      session = { purpose: request.purpose, completed: [], createdMs: now };
      this.sessions.set(id, session);
    }

    const type = typeof auth?.type === 'string' ? auth.type : undefined;
    if (type !== undefined) {
      const check = request.stages[type];
      const offered = request.flows.some((flow) => flow.includes(type));
      if (!check || !offered) throw this.challenge(id, session, request, new MatrixError(401, 'M_UNRECOGNIZED', `Unsupported authentication type ${type}`));
      try {
        await check(auth!);
      } catch (error) {
        if (error instanceof MatrixError) throw this.challenge(id, session, request, error);
        throw error;
      }
      if (!session.completed.includes(type)) session.completed.push(type);
    }

    const done = request.flows.some((flow) => flow.every((stage) => session.completed.includes(stage)));
    if (!done) throw this.challenge(id, session, request);
    this.sessions.delete(id);
  }

  private challenge(id: string, session: Session, request: UserInteractiveAuthRequest, failure?: MatrixError): MatrixError {
    const body = {
      session: id,
      flows: request.flows.map((stages) => ({ stages })),
      params: request.params ?? {},
      completed: [...session.completed],
    };
    if (failure) return new MatrixError(401, failure.errcode, failure.message, body);
    return new MatrixError(401, '', 'Additional authentication required', body);
  }

  private expire(now: number): void {
    if (this.sessions.size < MAX_SESSIONS / 2) {
      for (const [id, session] of this.sessions) if (now - session.createdMs > SESSION_LIFETIME_MS) this.sessions.delete(id);
      return;
    }
    for (const [id, session] of this.sessions) {
      if (now - session.createdMs > SESSION_LIFETIME_MS || this.sessions.size > MAX_SESSIONS) this.sessions.delete(id);
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
