/**
 * The "send it to our team" button carries the result itself, signed: nothing is stored while a
 * person only checks, and a report can only hold what our checker produced. A nonce makes each
 * result page reportable once.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CheckInput, Reason, Verdict } from './analysis/analysis.types.js';
import { REPORT_TEXT_MAX_CHARS, VERDICTS } from './checker.model.js';

export interface ReportPayload {
  /** Random, once per result page. */
  readonly nonce: string;
  readonly issuedAt: string;
  readonly redacted: string;
  readonly verdict: Verdict;
  readonly reasons: readonly Reason[];
  readonly imitatedBrands: readonly string[];
  readonly inputKind: CheckInput['kind'];
}

const INPUT_KINDS: ReadonlyArray<CheckInput['kind']> = ['email_file', 'email_source', 'text', 'url', 'image'];

/** Longest token we read: the text at its longest in UTF-8, base64url, plus the findings. */
const MAX_TOKEN_LENGTH = Math.ceil((REPORT_TEXT_MAX_CHARS * 4 * 4) / 3) + 100_000;

export interface ReportSigner {
  sign(content: Omit<ReportPayload, 'nonce' | 'issuedAt'>, issuedAt: Date): string;
  /** The payload of a token we signed, or null for anything else. */
  verify(token: string): ReportPayload | null;
}

/** The nonce as stored: a digest, so the table holds nothing that could rebuild a token. */
export const nonceDigest = (nonce: string): string => createHash('sha256').update(nonce).digest('hex');

export function createReportSigner(sessionSecret: string): ReportSigner {
  // A key of its own, so a token of this kind can never pass for a CSRF token or a cookie signature.
  const key = Buffer.from(hkdfSync('sha256', sessionSecret, 'zesummen', 'safety report token v1', 32));
  const mac = (data: string) => createHmac('sha256', key).update(data).digest();

  return {
    sign(content, issuedAt) {
      const payload: ReportPayload = {
        ...content,
        redacted: content.redacted.length > REPORT_TEXT_MAX_CHARS ? `${content.redacted.slice(0, REPORT_TEXT_MAX_CHARS)}\n[…]` : content.redacted,
        nonce: randomBytes(16).toString('base64url'),
        issuedAt: issuedAt.toISOString(),
      };
      const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${data}.${mac(data).toString('base64url')}`;
    },
    verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) return null;
      const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return null;
      const [, data = '', signature = ''] = match;
      const expected = mac(data);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        return asPayload(JSON.parse(Buffer.from(data, 'base64url').toString('utf8')));
      } catch {
        return null;
      }
    },
  };
}

/** Signed by us means well-formed, unless the format changed between versions: check the shape anyway. */
function asPayload(value: unknown): ReportPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Record<string, unknown>;
  const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
  if (
    typeof p.nonce !== 'string' ||
    typeof p.issuedAt !== 'string' ||
    Number.isNaN(Date.parse(p.issuedAt)) ||
    typeof p.redacted !== 'string' ||
    !VERDICTS.includes(p.verdict as Verdict) ||
    !Array.isArray(p.reasons) ||
    !strings(p.imitatedBrands) ||
    !INPUT_KINDS.includes(p.inputKind as CheckInput['kind'])
  ) {
    return null;
  }
  return p as unknown as ReportPayload;
}
