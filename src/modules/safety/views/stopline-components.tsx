import { h, type SafeHtml } from '../../../platform/views/jsx.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import { LUXEMBOURG_ZONE } from '../../../shared/luxembourg-time.js';
import type { ReportStatus } from '../stopline.model.js';

// One formatter per kind and locale: building them costs far more than using them.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: string, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}:${locale}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, { ...options, timeZone: LUXEMBOURG_ZONE })));
  return found;
}

/** "3 March 2026", in Luxembourg's calendar. */
export const formatDay = (iso: string, locale: Locale): string => formatter('day', locale, { dateStyle: 'long' }).format(new Date(iso));

/** "3 March 2026, 14:05", on Luxembourg's clocks. */
export const formatMoment = (iso: string, locale: Locale): string =>
  formatter('moment', locale, { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));

/** The status in words; the class only adds a border, never the meaning. */
export function StatusTag({ ctx, status }: { ctx: PageContext; status: ReportStatus }): SafeHtml {
  return <span class={status === 'received' ? 'tag tag--pending' : 'tag'}>{ctx.t(`safety.stopline.status.${status}.label`)}</span>;
}

/** Previous and next page, keeping the rest of the query. */
export function PageLinks({ ctx, page, pageCount, link }: { ctx: PageContext; page: number; pageCount: number; link: (page: number) => string }): SafeHtml {
  if (pageCount <= 1) return h('span', null);
  return (
    <nav class="pagination" aria-label={ctx.t('safety.analysts.pages')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={link(page - 1)} rel="prev">
              {ctx.t('safety.analysts.previous_page')}
            </a>
          </li>
        ) : null}
        <li>
          <a href={link(page)} aria-current="page">
            {ctx.t('safety.analysts.page_of', { page, pageCount })}
          </a>
        </li>
        {page < pageCount ? (
          <li>
            <a href={link(page + 1)} rel="next">
              {ctx.t('safety.analysts.next_page')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Where to go next from any of the public safety pages. */
export function SafetyLinks({ ctx, except }: { ctx: PageContext; except: 'report' | 'status' | 'helpline' }): SafeHtml {
  const links = [
    { key: 'report', path: '/report-illegal-content', label: ctx.t('safety.stopline.links.report') },
    { key: 'status', path: '/report-illegal-content/status', label: ctx.t('safety.stopline.links.status') },
    { key: 'helpline', path: '/helpline', label: ctx.t('safety.stopline.links.helpline') },
    { key: 'checker', path: '/safety', label: ctx.t('safety.stopline.links.checker') },
  ].filter((l) => l.key !== except);
  return (
    <nav aria-labelledby="safety-links-title">
      <h2 id="safety-links-title">{ctx.t('safety.stopline.links.title')}</h2>
      <ul class="link-list">
        {links.map((l) => (
          <li>
            <a href={href(ctx, l.path)}>{l.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
