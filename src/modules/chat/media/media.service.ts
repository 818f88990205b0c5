import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChatConfig } from '../../../config/config.js';
import type { Clock } from '../../../shared/clock.js';
import type { ChatTables } from '../chat.tables.js';
import { nowMs } from '../chat.core.js';
import { MatrixError, forbidden, notFound } from '../matrix-error.js';
import type { MediaFiles } from './media-files.js';
import { completeUpload, countPendingUploads, findMedia, insertMedia, type MediaRow, type UploadedContent } from './media.store.js';
import {
  canThumbnail,
  cannotThumbnail,
  nearestSize,
  renderThumbnail,
  thumbnailName,
  thumbnailType,
  type Thumbnail,
  type ThumbnailMethod,
} from './thumbnails.js';

export interface UploadedFile {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly uploadName: string | null;
}

export interface StoredMedia {
  readonly mediaId: string;
  readonly contentType: string;
  readonly uploadName: string | null;
  readonly size: number;
  readonly path: string;
}

/** The spec's recommended lifetime of a created, still empty media id. */
const UNUSED_MEDIA_LIFETIME_MS = 24 * 60 * 60_000;
const MAX_PENDING_UPLOADS = 20;
const MEDIA_ID = /^[A-Za-z0-9_-]+$/;

/**
 * The content repository: uploads are stored once and never change, so downloads and
 * thumbnails can be cached forever. Only this server's own media exist here (no federation).
 */
export class Media {
  /** Downloads waiting for the bytes of a created media id, woken when they arrive. */
  private readonly waiting = new Map<string, Set<() => void>>();
  /** Created media ids whose bytes are being written, so a second upload cannot overwrite the file. */
  private readonly uploading = new Set<string>();

  constructor(
    private readonly db: Kysely<ChatTables>,
    private readonly clock: Clock,
    private readonly config: ChatConfig,
    private readonly files: MediaFiles,
  ) {}

  async upload(userId: string, file: UploadedFile): Promise<string> {
    const mediaId = newMediaId();
    await this.files.writeContent(mediaId, file.bytes);
    try {
      await insertMedia(this.db, { ...this.newRow(mediaId, userId), ...uploadedColumns(file), unused_expires_ts: null });
    } catch (error) {
      await this.files.removeContent(mediaId);
      throw error;
    }
    return this.mxc(mediaId);
  }

  /** POST /media/v1/create: an mxc URI now, its bytes later through uploadTo. */
  async create(userId: string): Promise<{ content_uri: string; unused_expires_at: number }> {
    const now = nowMs(this.clock);
    if ((await countPendingUploads(this.db, userId, now)) >= MAX_PENDING_UPLOADS) {
      throw new MatrixError(429, 'M_LIMIT_EXCEEDED', 'Too many pending uploads', { retry_after_ms: 60_000 });
    }
    const mediaId = newMediaId();
    const expiresAt = now + UNUSED_MEDIA_LIFETIME_MS;
    await insertMedia(this.db, { ...this.newRow(mediaId, userId), content_type: null, upload_name: null, size: null, sha256: null, unused_expires_ts: expiresAt });
    return { content_uri: this.mxc(mediaId), unused_expires_at: expiresAt };
  }

  async uploadTo(userId: string, serverName: string, mediaId: string, file: UploadedFile): Promise<void> {
    const row = await this.findLocal(serverName, mediaId);
    if (row.user_id !== userId) throw forbidden('This media ID was created by another user');
    if (row.size !== null) throw new MatrixError(409, 'M_CANNOT_OVERWRITE_MEDIA', 'Media already uploaded');
    if (this.hasExpired(row)) throw notFound('Unknown media ID');
    if (this.uploading.has(mediaId)) throw new MatrixError(409, 'M_CANNOT_OVERWRITE_MEDIA', 'Media is being uploaded');
    this.uploading.add(mediaId);
    try {
      await this.files.writeContent(mediaId, file.bytes);
      await completeUpload(this.db, mediaId, uploadedColumns(file));
    } finally {
      this.uploading.delete(mediaId);
    }
    for (const wake of this.waiting.get(mediaId) ?? []) wake();
  }

  /** The media, waiting up to `timeoutMs` for an asynchronous upload to arrive (504 M_NOT_YET_UPLOADED after). */
  async find(serverName: string, mediaId: string, timeoutMs: number): Promise<StoredMedia> {
    let row = await this.findLocal(serverName, mediaId);
    if (row.size === null && !this.hasExpired(row)) {
      await this.waitForUpload(mediaId, timeoutMs);
      row = await this.findLocal(serverName, mediaId);
    }
    if (row.size === null || row.content_type === null) {
      if (this.hasExpired(row)) throw notFound('Media not found');
      throw new MatrixError(504, 'M_NOT_YET_UPLOADED', 'Content has not yet been uploaded');
    }
    return { mediaId, contentType: row.content_type, uploadName: row.upload_name, size: Number(row.size), path: this.files.contentPath(mediaId) };
  }

  /** Made on first request in the nearest recommended size, then kept on disk. */
  async thumbnail(media: StoredMedia, width: number, height: number, method: ThumbnailMethod): Promise<Thumbnail> {
    if (!canThumbnail(media.contentType)) throw cannotThumbnail();
    const size = nearestSize(width, height, method);
    const name = thumbnailName(size, media.contentType);
    const cached = await this.files.readThumbnail(media.mediaId, name);
    if (cached) return { bytes: cached, contentType: thumbnailType(media.contentType) };
    const thumbnail = await renderThumbnail(media.path, media.contentType, size);
    await this.files.writeThumbnail(media.mediaId, name, thumbnail.bytes);
    return thumbnail;
  }

  private async findLocal(serverName: string, mediaId: string): Promise<MediaRow> {
    // Remote media would need federation, which this server does not speak.
    if (serverName !== this.config.serverName || !MEDIA_ID.test(mediaId)) throw notFound('Media not found');
    const row = await findMedia(this.db, mediaId);
    if (!row) throw notFound('Media not found');
    return row;
  }

  private hasExpired(row: MediaRow): boolean {
    return row.size === null && row.unused_expires_ts !== null && Number(row.unused_expires_ts) <= nowMs(this.clock);
  }

  private waitForUpload(mediaId: string, timeoutMs: number): Promise<void> {
    if (timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      let waiters = this.waiting.get(mediaId);
      if (!waiters) this.waiting.set(mediaId, (waiters = new Set()));
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0) this.waiting.delete(mediaId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      waiters.add(done);
    });
  }

  private newRow(mediaId: string, userId: string): Pick<MediaRow, 'media_id' | 'user_id' | 'created_ts'> {
    return { media_id: mediaId, user_id: userId, created_ts: nowMs(this.clock) };
  }

  private mxc(mediaId: string): string {
    return `mxc://${this.config.serverName}/${mediaId}`;
  }
}

const newMediaId = (): string => randomBytes(18).toString('base64url');

function uploadedColumns(file: UploadedFile): UploadedContent {
  return {
    content_type: file.contentType,
    upload_name: file.uploadName,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  };
}
