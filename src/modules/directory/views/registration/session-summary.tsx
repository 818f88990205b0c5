import { h, type SafeHtml } from '../../../../platform/views/jsx.js';
import type { PageContext } from '../../../../platform/http/context.js';
import type { CourseSession, Location, Offer } from '../../directory.model.js';
import { communeLabel } from '../public/components.js';
import { formatDay, formatTime, langIfOther, pickText } from '../public/text.js';

/** A session with what it belongs to, as the registration and organiser pages show it. */
export interface SessionDetails {
  readonly session: CourseSession;
  readonly offer: Offer;
  readonly location: Location | null;
  readonly placesLeft: number;
}

export function offerName(ctx: PageContext, offer: Offer): { value: string; lang: string | undefined } {
  const name = pickText(offer.name, ctx.locale, { fallback: offer.defaultLocale });
  return { value: name?.value ?? '', lang: langIfOther(name, ctx.locale) };
}

export function sessionTitle(ctx: PageContext, details: Pick<SessionDetails, 'session' | 'offer'>): { value: string; lang: string | undefined } {
  const title = pickText(details.session.title, ctx.locale, { fallback: details.offer.defaultLocale });
  return title ? { value: title.value, lang: langIfOther(title, ctx.locale) } : offerName(ctx, details.offer);
}

/** What, when and where, as a description list so screen readers announce each pair. */
export function SessionSummary({ ctx, details }: { ctx: PageContext; details: SessionDetails }): SafeHtml {
  const { t, locale } = ctx;
  const { session, location } = details;
  const title = sessionTitle(ctx, details);
  const place = location ? [location.name, location.address, location.postalCode ? `L-${location.postalCode}` : null, communeLabel(location, ctx)] : [];
  return (
    <dl class="summary-list">
      <div>
        <dt>{t('directory.registration.summary.what')}</dt>
        <dd lang={title.lang}>{title.value}</dd>
      </div>
      <div>
        <dt>{t('directory.registration.summary.when')}</dt>
        <dd>
          {t('directory.registration.summary.when_value', {
            day: formatDay(session.startsAt, locale),
            start: formatTime(session.startsAt, locale),
            end: formatTime(session.endsAt, locale),
          })}
        </dd>
      </div>
      <div>
        <dt>{t('directory.registration.summary.where')}</dt>
        <dd>{location ? place.filter(Boolean).join(', ') : t('directory.registration.summary.no_place')}</dd>
      </div>
    </dl>
  );
}
