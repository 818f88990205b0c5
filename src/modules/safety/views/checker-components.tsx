import { h, type Child, type SafeHtml } from '../../../platform/views/jsx.js';
import type { PageContext } from '../../../platform/http/context.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import { LUXEMBOURG_ZONE } from '../../../shared/luxembourg-time.js';
import type { Reason, Verdict } from '../analysis/analysis.types.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'time', locale: Locale): Intl.DateTimeFormat {
  const key = `${kind}:${locale}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = kind === 'date' ? { dateStyle: 'long' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    formatters.set(key, (found = new Intl.DateTimeFormat(locale, { ...options, timeZone: LUXEMBOURG_ZONE })));
  }
  return found;
}

/** "3 March 2026", on Luxembourg's calendar. */
export const formatDate = (iso: string, locale: Locale): string => formatter('date', locale).format(new Date(iso));
export const formatTime = (iso: string, locale: Locale): string => formatter('time', locale).format(new Date(iso));

export function Notice({ kind, children }: { kind: 'success' | 'error'; children?: Child }): SafeHtml {
  return (
    <div class={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <p>{children}</p>
    </div>
  );
}

/** Plain text with blank lines as paragraphs, as moderators type a warning. */
export function Paragraphs({ text }: { text: string }): SafeHtml {
  return <div>{text.split(/\r?\n\s*\r?\n/).map((paragraph) => <p>{paragraph.trim()}</p>)}</div>;
}

/**
 * Traffic-sign shapes, so the verdict never depends on colour: an octagon with a cross (stop), a
 * triangle with an exclamation mark (warning), a circle with a tick.
 */
export function VerdictIcon({ verdict }: { verdict: Verdict }): SafeHtml {
  const shape =
    verdict === 'very_likely_scam' ? (
      <g>
        <polygon points="15,2 33,2 46,15 46,33 33,46 15,46 2,33 2,15" />
        <path d="M16 16 L32 32 M32 16 L16 32" class="verdict-icon__mark" />
      </g>
    ) : verdict === 'be_careful' ? (
      <g>
        <polygon points="24,3 46,44 2,44" />
        <path d="M24 17 L24 31 M24 36 L24 39" class="verdict-icon__mark" />
      </g>
    ) : (
      <g>
        <circle cx="24" cy="24" r="22" />
        <path d="M13 25 L21 33 L35 16" class="verdict-icon__mark" />
      </g>
    );
  return (
    <svg class="verdict-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
      {shape}
    </svg>
  );
}

/** The verdict in words beside its sign; the words alone carry the meaning. */
export function VerdictLabel({ ctx, verdict }: { ctx: PageContext; verdict: Verdict }): SafeHtml {
  return (
    <span class={`verdict-label verdict-label--${verdict}`}>
      <VerdictIcon verdict={verdict} />
      <span>{ctx.t(`safety.result.verdict.${verdict}`)}</span>
    </span>
  );
}

/** The checker's reasons as sentences, most suspicious first. */
export function ReasonList({ ctx, reasons }: { ctx: PageContext; reasons: readonly Reason[] }): SafeHtml {
  const sorted = [...reasons].sort((a, b) => b.weight - a.weight);
  return (
    <ul class="reason-list">
      {sorted.map((reason) => (
        <li class={reason.weight < 0 ? 'reason reason--reassuring' : 'reason'}>{ctx.t(`safety.reason.${reason.rule}`, { ...reason.params })}</li>
      ))}
    </ul>
  );
}
