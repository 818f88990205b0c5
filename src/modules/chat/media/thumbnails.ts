import { MatrixError } from '../matrix-error.js';
import { baseType } from './media-headers.js';

export type ThumbnailMethod = 'crop' | 'scale';

export interface ThumbnailSize {
  readonly width: number;
  readonly height: number;
  readonly method: ThumbnailMethod;
}

export interface Thumbnail {
  readonly bytes: Buffer;
  readonly contentType: 'image/jpeg' | 'image/png';
}

/**
 * The specification's recommended sizes ("Thumbnails"). Every request is served from the nearest
 * of them, so no more than five thumbnails per upload are ever generated and kept.
 */
const SIZES: readonly ThumbnailSize[] = [
  { width: 32, height: 32, method: 'crop' },
  { width: 96, height: 96, method: 'crop' },
  { width: 320, height: 240, method: 'scale' },
  { width: 640, height: 480, method: 'scale' },
  { width: 800, height: 600, method: 'scale' },
];

/** Uploads we make thumbnails of, by declared type and by the format the bytes really have. */
const THUMBNAIL_SOURCES = new Map([
  ['image/jpeg', 'jpeg'],
  ['image/png', 'png'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
]);
const SOURCE_FORMATS = new Set(THUMBNAIL_SOURCES.values());
/** About 10,000 × 10,000: decoding more would take too long and too much memory. */
const MAX_INPUT_PIXELS = 100_000_000;

export const cannotThumbnail = () => new MatrixError(400, 'M_UNKNOWN', 'Cannot generate thumbnails for the requested content');

export const canThumbnail = (contentType: string): boolean => THUMBNAIL_SOURCES.has(baseType(contentType));


/**
 * The smallest size at least as large as requested, as the spec forbids answering with less when
 * the source allows more; crop requests larger than every crop size get a scaled thumbnail.
 */
export function nearestSize(width: number, height: number, method: ThumbnailMethod): ThumbnailSize {
  const covers = (size: ThumbnailSize) => size.width >= width && size.height >= height;
  const scaled = SIZES.filter((size) => size.method === 'scale');
  const cropped = method === 'crop' ? SIZES.find((size) => size.method === 'crop' && covers(size)) : undefined;
  return cropped ?? scaled.find(covers) ?? (scaled[scaled.length - 1] as ThumbnailSize);
}

/** A name for the cached file: size, method and output format are all it depends on. */
export const thumbnailName = (size: ThumbnailSize, contentType: string): string =>
  `${size.width}x${size.height}-${size.method}.${thumbnailType(contentType) === 'image/jpeg' ? 'jpeg' : 'png'}`;

/** JPEG photos stay JPEG; everything else becomes PNG, which keeps transparency. */
export const thumbnailType = (contentType: string): Thumbnail['contentType'] =>
  baseType(contentType) === 'image/jpeg' ? 'image/jpeg' : 'image/png';

/**
 * A still thumbnail (an animated GIF or WebP gives its first frame), turned upright and never
 * enlarged: `crop` fills the size's shape, `scale` fits inside it.
 */
export async function renderThumbnail(sourcePath: string, contentType: string, size: ThumbnailSize): Promise<Thumbnail> {
  try {
    // libvips costs about 30 MB of memory: loaded with the first thumbnail, not at start.
    const { default: sharp } = await import('sharp');
    const image = sharp(sourcePath, { limitInputPixels: MAX_INPUT_PIXELS });
    const metadata = await image.metadata();
    if (!SOURCE_FORMATS.has(metadata.format)) throw cannotThumbnail();
    const box = size.method === 'crop' ? cropBox(metadata.autoOrient, size) : size;
    const resized = image.rotate().resize(box.width, box.height, { fit: size.method === 'crop' ? 'cover' : 'inside', withoutEnlargement: true });
    const type = thumbnailType(contentType);
    const bytes = await (type === 'image/jpeg' ? resized.jpeg({ quality: 80 }) : resized.png()).toBuffer();
    return { bytes, contentType: type };
  } catch (error) {
    if (error instanceof MatrixError) throw error;
    if (error instanceof Error && error.message.includes('pixel limit')) throw new MatrixError(413, 'M_TOO_LARGE', 'Content is too large to thumbnail');
    throw cannotThumbnail();
  }
}

/** The crop's shape at the source's scale when the source is smaller than the size. */
function cropBox(source: { width: number; height: number }, size: ThumbnailSize): { width: number; height: number } {
  const enlargement = Math.max(size.width / source.width, size.height / source.height);
  if (enlargement <= 1) return size;
  return { width: Math.max(1, Math.round(size.width / enlargement)), height: Math.max(1, Math.round(size.height / enlargement)) };
}
