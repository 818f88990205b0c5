import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import { MatrixError, invalidParam, notFound } from '../matrix-error.js';
import * as store from './key-backup.store.js';
import type { BackedUpSession, BackupVersionRow } from './key-backup.store.js';

export const BACKUP_ALGORITHM = 'm.megolm_backup.v1.curve25519-aes-sha2';

export interface KeyBackupData {
  first_message_index: number;
  forwarded_count: number;
  is_verified: boolean;
  session_data: Record<string, unknown>;
}

export interface BackupInfo {
  algorithm: string;
  auth_data: Record<string, unknown>;
  count: number;
  etag: string;
  version: string;
}

export interface BackupUpdate {
  etag: string;
  count: number;
}

export type RoomsOfSessions = Record<string, Record<string, KeyBackupData>>;

const unknownVersion = () => notFound('Unknown backup version');

/**
 * Server-side key backup: room keys encrypted by the client to a backup public key the server
 * never holds the private half of. The server keeps, per session, the best copy it was given.
 */
export class KeyBackupService {
  constructor(private readonly db: Kysely<ChatTables>) {}

  async createVersion(userId: string, algorithm: string, authData: Record<string, unknown>): Promise<string> {
    requireKnownAlgorithm(algorithm);
    return String(await this.db.transaction().execute((tx) => store.insertVersion(tx, userId, algorithm, JSON.stringify(authData))));
  }

  /** The current backup, or the named one; 404 when there is none or it was deleted. */
  async info(userId: string, version?: string): Promise<BackupInfo> {
    const row = version === undefined ? await store.currentVersion(this.db, userId) : await this.liveVersion(this.db, userId, version);
    if (!row) throw notFound('No current backup version');
    return {
      algorithm: row.algorithm,
      auth_data: JSON.parse(row.authData) as Record<string, unknown>,
      count: await store.countSessions(this.db, userId, row.version),
      etag: String(row.etag),
      version: String(row.version),
    };
  }

  /** Only `auth_data` may change. */
  async updateVersion(userId: string, version: string, update: { algorithm: string; auth_data: Record<string, unknown>; version?: string }): Promise<void> {
    if (update.version !== undefined && update.version !== version) throw invalidParam('The version in the body does not match the path');
    const row = await this.liveVersion(this.db, userId, version);
    if (!row) throw unknownVersion();
    if (row.algorithm !== update.algorithm) throw invalidParam('Algorithm does not match');
    await store.updateAuthData(this.db, userId, row.version, JSON.stringify(update.auth_data));
  }

  /** Deleting an already deleted backup succeeds, as the spec asks; one that never existed is 404. */
  async deleteVersion(userId: string, version: string): Promise<void> {
    const number = parseVersion(version);
    const row = number === undefined ? undefined : await store.findVersion(this.db, userId, number);
    if (!row) throw unknownVersion();
    if (!row.deleted) await this.db.transaction().execute((tx) => store.markVersionDeleted(tx, userId, row.version));
  }

  /**
   * Stores keys in the current backup. A key replaces the stored one for its session only when it
   * is better: verified over unverified, then a lower first message index, then fewer forwards.
   */
  async putKeys(userId: string, version: string, rooms: RoomsOfSessions): Promise<BackupUpdate> {
    return this.db.transaction().execute(async (tx) => {
      const current = await store.currentVersion(tx, userId);
      if (!current) throw unknownVersion();
      if (String(current.version) !== version) {
        throw new MatrixError(403, 'M_WRONG_ROOM_KEYS_VERSION', 'Wrong backup version.', { current_version: String(current.version) });
      }
      let changed = false;
      for (const [roomId, sessions] of Object.entries(rooms)) {
        const ids = Object.keys(sessions);
        const stored = new Map<string, BackedUpSession>();
        for (let i = 0; i < ids.length; i += 500) {
          for (const session of await store.findSessions(tx, userId, current.version, { roomId, sessionIds: ids.slice(i, i + 500) })) stored.set(session.sessionId, session);
        }
        for (const [sessionId, data] of Object.entries(sessions)) {
          const candidate = toSession(roomId, sessionId, data);
          const existing = stored.get(sessionId);
          if (existing && !isBetter(candidate, existing)) continue;
          await store.saveSession(tx, userId, current.version, candidate);
          changed = true;
        }
      }
      if (changed) await store.bumpEtag(tx, userId, current.version);
      return this.summary(tx, userId, current.version);
    });
  }

  async getKeys(userId: string, version: string, filter: { roomId?: string } = {}): Promise<{ rooms: Record<string, { sessions: Record<string, KeyBackupData> }> }> {
    const row = await this.liveVersion(this.db, userId, version);
    if (!row) throw unknownVersion();
    const rooms: Record<string, { sessions: Record<string, KeyBackupData> }> = {};
    for (const session of await store.findSessions(this.db, userId, row.version, filter)) {
      (rooms[session.roomId] ??= { sessions: {} }).sessions[session.sessionId] = toData(session);
    }
    return { rooms };
  }

  async getKey(userId: string, version: string, roomId: string, sessionId: string): Promise<KeyBackupData> {
    const row = await this.liveVersion(this.db, userId, version);
    if (!row) throw unknownVersion();
    const [session] = await store.findSessions(this.db, userId, row.version, { roomId, sessionIds: [sessionId] });
    if (!session) throw notFound('Key not found.');
    return toData(session);
  }

  async deleteKeys(userId: string, version: string, filter: { roomId?: string; sessionId?: string }): Promise<BackupUpdate> {
    return this.db.transaction().execute(async (tx) => {
      const row = await this.liveVersion(tx, userId, version);
      if (!row) throw unknownVersion();
      const deleted = await store.deleteSessions(tx, userId, row.version, filter);
      if (deleted > 0) await store.bumpEtag(tx, userId, row.version);
      return this.summary(tx, userId, row.version);
    });
  }

  private async summary(db: Kysely<ChatTables>, userId: string, version: number): Promise<BackupUpdate> {
    const row = await store.findVersion(db, userId, version);
    return { etag: String(row?.etag ?? 0), count: await store.countSessions(db, userId, version) };
  }

  private async liveVersion(db: Kysely<ChatTables>, userId: string, version: string): Promise<BackupVersionRow | undefined> {
    const number = parseVersion(version);
    const row = number === undefined ? undefined : await store.findVersion(db, userId, number);
    return row && !row.deleted ? row : undefined;
  }
}

function parseVersion(version: string): number | undefined {
  return /^[1-9]\d{0,14}$/.test(version) ? Number(version) : undefined;
}

function requireKnownAlgorithm(algorithm: string): void {
  if (algorithm !== BACKUP_ALGORITHM) throw invalidParam(`Unsupported backup algorithm ${algorithm}`);
}

function isBetter(candidate: BackedUpSession, existing: BackedUpSession): boolean {
  if (candidate.isVerified !== existing.isVerified) return candidate.isVerified;
  if (candidate.firstMessageIndex !== existing.firstMessageIndex) return candidate.firstMessageIndex < existing.firstMessageIndex;
  return candidate.forwardedCount < existing.forwardedCount;
}

function toSession(roomId: string, sessionId: string, data: KeyBackupData): BackedUpSession {
  return {
    roomId,
    sessionId,
    firstMessageIndex: data.first_message_index,
    forwardedCount: data.forwarded_count,
    isVerified: data.is_verified,
    sessionData: JSON.stringify(data.session_data),
  };
}

function toData(session: BackedUpSession): KeyBackupData {
  return {
    first_message_index: session.firstMessageIndex,
    forwarded_count: session.forwardedCount,
    is_verified: session.isVerified,
    session_data: JSON.parse(session.sessionData) as Record<string, unknown>,
  };
}
