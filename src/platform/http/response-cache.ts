/**
 * Whole responses to anonymous GET requests, kept gzipped, for pages that many people ask for
 * in the same form (search results). A search that was answered a moment ago is sent again
 * without searching, rendering or compressing: that is what lets the search meet its latency
 * target (docs/performance.md).
 *
 * An entry is served only while the data behind it is unchanged (the caller's `version`) and
 * for `maxAgeMs` after it was made, so anything shown relative to the time ("open now", the
 * next session) is never older than that. Entries expire one by one, as they were made, rather
 * than all at the turn of a minute, which would send every search to the index at once.
 * Who asks must not matter to the response: callers key each page by everything it depends on
 * and pass no key for a request from someone signed in.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The gzip level of every response; level 1 costs a quarter of the default's time for about a tenth more bytes. */
export const GZIP_LEVEL = 1;

export interface ResponseCacheOptions {
  /** Names the cache in its counters. */
  readonly name: string;
  readonly maxEntries: number;
  /** Compressed bytes kept at most. */
  readonly maxBytes: number;
  readonly maxAgeMs: number;
  /** Changes whenever the data the responses show changes. */
  readonly version: () => number;
  /** Milliseconds since the epoch, by the app's clock. */
  readonly now: () => number;
}

export interface RenderedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

interface Entry {
  readonly version: number;
  readonly expiresAt: number;
  readonly contentType: string;
  readonly gzip: Buffer;
}

export interface ResponseCacheCounters {
  hits: number;
  misses: number;
}

const counters = new Map<string, ResponseCacheCounters>();

/** Requests answered from each cache and requests that had to be rendered, since the process started. */
export function responseCacheCounters(): ReadonlyMap<string, Readonly<ResponseCacheCounters>> {
  return counters;
}

/** Whether the client takes gzip: listed (or covered by "*") with a quality above zero. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.toLowerCase().split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const quality = Number.isFinite(q) ? q : 0;
    if (coding === 'gzip' || coding === 'x-gzip') gzip = quality;
    else if (coding === '*') any = quality;
  }
  return (gzip ?? any ?? 0) > 0;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly counted: ResponseCacheCounters;

  constructor(private readonly options: ResponseCacheOptions) {
    this.counted = counters.get(options.name) ?? { hits: 0, misses: 0 };
    counters.set(options.name, this.counted);
  }

  /**
   * Sends the response for `key` from the cache, or renders, keeps (when it is a 200) and sends
   * it. Without a key the response is rendered and sent as usual.
   */
  async respond(request: FastifyRequest, reply: FastifyReply, key: string | null, render: () => Promise<RenderedResponse>): Promise<FastifyReply> {
    if (key === null) return this.sendRendered(reply, await render());
    const version = this.options.version();
    const now = this.options.now();
    const found = this.entries.get(key);
    if (found && found.version === version && now < found.expiresAt) {
      this.counted.hits += 1;
      this.entries.delete(key);
      this.entries.set(key, found);
      return this.send(request, reply, found);
    }
    if (found) this.forget(key, found);
    this.counted.misses += 1;
    const rendered = await render();
    if (rendered.status !== 200) return this.sendRendered(reply, rendered);
    // The version read before rendering: a change made meanwhile leaves this entry unused.
    const entry: Entry = {
      version,
      expiresAt: now + this.options.maxAgeMs,
      contentType: rendered.contentType,
      gzip: gzipSync(rendered.body, { level: GZIP_LEVEL }),
    };
    this.keep(key, entry);
    return this.send(request, reply, entry, rendered.body);
  }

  private sendRendered(reply: FastifyReply, rendered: RenderedResponse): FastifyReply {
    return reply.status(rendered.status).type(rendered.contentType).send(rendered.body);
  }

  /** Gzip as kept; otherwise the plain body, which the compression hook may still encode as the client asks. */
  private send(request: FastifyRequest, reply: FastifyReply, entry: Entry, body?: string): FastifyReply {
    reply.type(entry.contentType).header('Vary', 'accept-encoding');
    if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('Content-Encoding', 'gzip').send(entry.gzip);
    return reply.send(body ?? gunzipSync(entry.gzip));
  }

  private keep(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.bytes += entry.gzip.length;
    for (const [oldKey, old] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.forget(oldKey, old);
    }
  }

  private forget(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.gzip.length;
  }
}
