import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

/**
 * Media bytes on disk: content/ab/cd/<mediaId> for uploads and thumbnails/ab/cd/<mediaId>/<size>
 * for generated thumbnails, two directory levels so no directory grows huge. Every file is
 * written under a temporary name and renamed, so a reader never sees half a file.
 */
export class MediaFiles {
  constructor(private readonly root: string) {}

  contentPath(mediaId: string): string {
    return join(this.root, 'content', ...shards(mediaId), mediaId);
  }

  async writeContent(mediaId: string, bytes: Buffer): Promise<void> {
    await this.writeAtomically(this.contentPath(mediaId), bytes);
  }

  async removeContent(mediaId: string): Promise<void> {
    await rm(this.contentPath(mediaId), { force: true });
  }

  async readThumbnail(mediaId: string, name: string): Promise<Buffer | undefined> {
    return readFile(this.thumbnailPath(mediaId, name)).catch(() => undefined);
  }

  async writeThumbnail(mediaId: string, name: string, bytes: Buffer): Promise<void> {
    await this.writeAtomically(this.thumbnailPath(mediaId, name), bytes);
  }

  private thumbnailPath(mediaId: string, name: string): string {
    return join(this.root, 'thumbnails', ...shards(mediaId), mediaId, name);
  }

  private async writeAtomically(path: string, bytes: Buffer): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

const shards = (mediaId: string): [string, string] => [mediaId.slice(0, 2), mediaId.slice(2, 4)];
