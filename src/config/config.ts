import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Public origin used in absolute links (QR codes, iCalendar, JSON-LD, API documents). */
  readonly publicUrl: string;
  readonly dataDir: string;
  /** When set, PostgreSQL is used; otherwise an embedded SQLite file under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly sessionSecret: string;
  readonly secureCookies: boolean;
  readonly logLevel: string;
  readonly staleAfterDays: number;
  /** Registrations (name, contact, needs) are deleted this many days after their session ends. */
  readonly registrationRetentionDays: number;
  readonly chat: ChatConfig;
  readonly mail: MailConfig;
  readonly helpline: HelplineConfig;
}

/** The advice line shown on the helpline page. The defaults are examples: each deployment sets its own. */
export interface HelplineConfig {
  /** As people dial it, e.g. "8002 1234"; a free number. */
  readonly phone: string;
  /** When someone answers, in OpenStreetMap opening_hours syntax ("Mo-Fr 08:00-18:00; PH off"). */
  readonly hours: string;
}

export interface MailConfig {
  /** smtp:// or smtps:// of the mail server (user:password@ allowed); unset: mail is only logged. */
  readonly url: string | undefined;
  /** From address of every mail the platform sends. */
  readonly from: string;
}

export type ChatRegistration = 'open' | 'token' | 'closed';

export interface ChatConfig {
  /** The Matrix server name: the part after the colon in @user:server ids and #alias:server. */
  readonly serverName: string;
  /** open: anyone may register; token: only with an admin-issued registration token; closed: admins create accounts. */
  readonly registration: ChatRegistration;
  readonly maxUploadBytes: number;
}

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function chatRegistration(raw: string | undefined): ChatRegistration {
  if (raw === undefined || raw === '') return 'open';
  if (raw === 'open' || raw === 'token' || raw === 'closed') return raw;
  throw new ConfigError(`MATRIX_REGISTRATION must be open, token or closed, got "${raw}"`);
}

function mailUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  // The URL may hold a password: the error never repeats it.
  if (!URL.canParse(raw) || !['smtp:', 'smtps:'].includes(new URL(raw).protocol)) {
    throw new ConfigError('MAIL_URL must be an smtp:// or smtps:// URL');
  }
  return raw;
}

/**
 * Outside production a missing SESSION_SECRET is made once and kept in the data folder, so that
 * sessions and the second-factor seeds it encrypts survive a restart of the demo.
 */
function localSessionSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process starting at the same moment wrote it first.
      return readFileSync(file, 'utf8').trim();
    }
  }
}

/** The only reader of the environment: everything else receives a typed Config. */
export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  const secret = env.SESSION_SECRET || '';
  const production = env.NODE_ENV === 'production';
  if (production && secret.length < 32) {
    throw new ConfigError('SESSION_SECRET must be set to at least 32 characters in production');
  }
  const dataDir = resolve(env.DATA_DIR || 'data');
  return {
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    sessionSecret: secret || localSessionSecret(dataDir),
    secureCookies: bool(env, 'SECURE_COOKIES', publicUrl.startsWith('https://')),
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'warn'),
    staleAfterDays: integer(env, 'STALE_AFTER_DAYS', 183, 1, 3650),
    registrationRetentionDays: integer(env, 'REGISTRATION_RETENTION_DAYS', 30, 0, 3650),
    chat: {
      serverName: env.MATRIX_SERVER_NAME || new URL(publicUrl).host,
      registration: chatRegistration(env.MATRIX_REGISTRATION),
      maxUploadBytes: integer(env, 'MEDIA_MAX_UPLOAD_BYTES', 52_428_800, 1024, 2_147_483_647),
    },
    mail: {
      url: mailUrl(env.MAIL_URL),
      from: env.MAIL_FROM || `Zesummen <no-reply@${new URL(publicUrl).hostname}>`,
    },
    helpline: {
      phone: env.HELPLINE_PHONE || '8002 1234',
      hours: env.HELPLINE_HOURS || 'Mo-Fr 08:00-18:00; PH off',
    },
  };
}
