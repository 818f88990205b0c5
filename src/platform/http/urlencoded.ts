import { AppError } from './app-error.js';

export type FormBody = Record<string, string | string[]>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses application/x-www-form-urlencoded strictly: bytes that are not UTF-8, or percent escapes
 * that do not decode to UTF-8, are refused with a clear 400 instead of being silently replaced.
 * Repeated names (checkbox groups) become arrays.
 */
export function parseUrlEncoded(body: Buffer | string): FormBody {
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    throw new AppError('invalid_encoding', 400);
  }
  const out: FormBody = {};
  if (text === '') return out;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new AppError('invalid_encoding', 400);
    }
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}
