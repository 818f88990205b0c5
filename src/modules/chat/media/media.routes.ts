import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Chat } from '../chat.service.js';
import { authenticate, queryInteger, queryString, routeParam } from '../chat.http.js';
import { invalidParam, missingParam } from '../matrix-error.js';
import type { Media, StoredMedia, UploadedFile } from './media.service.js';
import { MEDIA_CONTENT_SECURITY_POLICY, contentDisposition, isInlineType } from './media-headers.js';
import type { ThumbnailMethod } from './thumbnails.js';

const DEFAULT_WAIT_MS = 20_000;
const MAX_WAIT_MS = 60_000;
const MAX_FILE_NAME_LENGTH = 255;
const MAX_THUMBNAIL_SIDE = 10_000;
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
/** Media never change once uploaded; authenticated answers must stay out of shared caches. */
const CACHE_PUBLIC = 'public, max-age=31536000, immutable';
const CACHE_PRIVATE = 'private, max-age=31536000, immutable';

type Access = 'authenticated' | 'legacy';

/**
 * The content repository under /_matrix: uploads as raw bytes of any type (a JSON file stays
 * bytes), downloads and thumbnails both authenticated (/client/v1/media) and, for older
 * clients, unauthenticated (/media/v3).
 */
export function registerMediaRoutes(scope: FastifyInstance, chat: Chat): void {
  void scope.register(async (media) => {
    media.removeAllContentTypeParsers();
    media.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    media.addHook('onSend', async (_request, reply) => {
      reply.header('Content-Security-Policy', MEDIA_CONTENT_SECURITY_POLICY);
      // Element Web shows media from another origin.
      reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    });
    registerUploads(media, chat);
    registerDownloads(media, chat);
  });
}

function registerUploads(media: FastifyInstance, chat: Chat): void {
  const bodyLimit = chat.config.maxUploadBytes;
  const config = async (request: FastifyRequest) => {
    await authenticate(request, chat.tokens);
    return { 'm.upload.size': chat.config.maxUploadBytes };
  };
  media.get('/client/v1/media/config', config);
  media.get('/media/v3/config', config);

  media.post('/media/v3/upload', { bodyLimit }, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    return { content_uri: await chat.media.upload(userId, uploadedFile(request)) };
  });

  media.post('/media/v1/create', async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    return chat.media.create(userId);
  });

  media.put('/media/v3/upload/:serverName/:mediaId', { bodyLimit }, async (request) => {
    const { userId } = await authenticate(request, chat.tokens);
    await chat.media.uploadTo(userId, routeParam(request, 'serverName'), routeParam(request, 'mediaId'), uploadedFile(request));
    return {};
  });
}

function registerDownloads(media: FastifyInstance, chat: Chat): void {
  for (const [prefix, access] of [
    ['/client/v1/media', 'authenticated'],
    ['/media/v3', 'legacy'],
  ] as const) {
    const download = async (request: FastifyRequest, reply: FastifyReply) => {
      await authorize(request, chat, access);
      const found = await findMedia(request, chat.media);
      const fileName = (request.params as { fileName?: string }).fileName ?? found.uploadName;
      return sendMedia(reply, found, fileName, access);
    };
    media.get(`${prefix}/download/:serverName/:mediaId`, { compress: false }, download);
    media.get(`${prefix}/download/:serverName/:mediaId/:fileName`, { compress: false }, download);

    media.get(`${prefix}/thumbnail/:serverName/:mediaId`, { compress: false }, async (request, reply) => {
      await authorize(request, chat, access);
      const width = requiredSide(request, 'width');
      const height = requiredSide(request, 'height');
      const method = thumbnailMethod(request);
      const thumbnail = await chat.media.thumbnail(await findMedia(request, chat.media), width, height, method);
      const extension = thumbnail.contentType === 'image/jpeg' ? 'jpg' : 'png';
      return reply
        .header('Content-Type', thumbnail.contentType)
        .header('Content-Disposition', contentDisposition('inline', `thumbnail.${extension}`))
        .header('Cache-Control', access === 'legacy' ? CACHE_PUBLIC : CACHE_PRIVATE)
        .send(thumbnail.bytes);
    });
  }
}

async function authorize(request: FastifyRequest, chat: Chat, access: Access): Promise<void> {
  if (access === 'authenticated') await authenticate(request, chat.tokens);
}

function findMedia(request: FastifyRequest, media: Media): Promise<StoredMedia> {
  const waitMs = queryInteger(request, 'timeout_ms', DEFAULT_WAIT_MS, MAX_WAIT_MS);
  return media.find(routeParam(request, 'serverName'), routeParam(request, 'mediaId'), waitMs);
}

function sendMedia(reply: FastifyReply, media: StoredMedia, fileName: string | null, access: Access) {
  return reply
    .header('Content-Type', media.contentType)
    .header('Content-Length', String(media.size))
    .header('Content-Disposition', contentDisposition(isInlineType(media.contentType) ? 'inline' : 'attachment', fileName))
    .header('Cache-Control', access === 'legacy' ? CACHE_PUBLIC : CACHE_PRIVATE)
    .send(createReadStream(media.path));
}

function uploadedFile(request: FastifyRequest): UploadedFile {
  const uploadName = queryString(request, 'filename') || null;
  if (uploadName !== null && uploadName.length > MAX_FILE_NAME_LENGTH) throw invalidParam('filename is too long');
  const declared = request.headers['content-type']?.trim();
  // Stored as given, within reason, so a download answers with the uploader's exact type.
  const contentType = declared && /^[\x20-\x7e]{1,255}$/.test(declared) ? declared : DEFAULT_CONTENT_TYPE;
  const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return { bytes, contentType, uploadName };
}

function requiredSide(request: FastifyRequest, name: 'width' | 'height'): number {
  if (queryString(request, name) === undefined) throw missingParam(`${name} is required`);
  const side = queryInteger(request, name, 0);
  if (side < 1 || side > MAX_THUMBNAIL_SIDE) throw invalidParam(`${name} must be between 1 and ${MAX_THUMBNAIL_SIDE}`);
  return side;
}

function thumbnailMethod(request: FastifyRequest): ThumbnailMethod {
  const method = queryString(request, 'method') ?? 'scale';
  if (method !== 'crop' && method !== 'scale') throw invalidParam('method must be crop or scale');
  return method;
}
