import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import { ErrorSummary, SelectField, SubmitButton, TextField, type FormState } from '../../../../platform/views/form-components.js';
import type { Offer } from '../../directory.model.js';
import { LANGUAGES, OFFER_TYPES } from '../../vocabulary.js';
import { CantonSelect, CommuneSelect, PlacesLeft, communeLabel } from './components.js';
import { formatDay, formatTime, langIfOther, luxembourgDay, pickText } from './text.js';
import type { SessionView } from './view-model.js';

export interface CalendarEntry extends SessionView {
  readonly offer: Offer;
}

export function CalendarPage(props: { ctx: PageContext; form: FormState; entries: readonly CalendarEntry[] | null; queryString: string }) {
  const { ctx, form, entries, queryString } = props;
  const { t } = ctx;
  const labels: Record<string, string> = {
    commune: t('directory.public.commune'),
    canton: t('directory.public.canton'),
    type: t('directory.search.type'),
    language: t('directory.search.language'),
    from: t('directory.search.from'),
    to: t('directory.search.to'),
  };
  const days = new Map<string, CalendarEntry[]>();
  for (const entry of entries ?? []) {
    const day = luxembourgDay(entry.session.startsAt);
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  return (
    <Layout ctx={ctx} title={Object.keys(form.errors).length > 0 ? t('directory.calendar.title_errors') : t('directory.calendar.title')}>
      <div class="wrap">
        <h1>{t('directory.calendar.heading')}</h1>
        <p class="lead">{t('directory.calendar.intro')}</p>
        <ErrorSummary form={form} labels={labels} />
        <details class="filters" open={Object.keys(form.errors).length > 0 || queryString !== '' || undefined}>
          <summary>{t('directory.calendar.filters')}</summary>
          <form method="get" action={href(ctx, '/calendar')} novalidate>
            <CommuneSelect ctx={ctx} form={form} label={labels.commune as string} />
            <CantonSelect ctx={ctx} form={form} label={labels.canton as string} />
            <SelectField
              form={form}
              name="type"
              label={labels.type as string}
              options={OFFER_TYPES.map((c) => ({ value: c, label: t(`directory.vocab.offer_type.${c}`) }))}
              placeholder={t('directory.calendar.any_type')}
            />
            <SelectField
              form={form}
              name="language"
              label={labels.language as string}
              options={LANGUAGES.map((c) => ({ value: c, label: t(`directory.vocab.language.${c}`) }))}
              placeholder={t('directory.public.any_language')}
            />
            <TextField form={form} name="from" type="date" label={labels.from as string} hint={t('directory.search.date_hint')} />
            <TextField form={form} name="to" type="date" label={labels.to as string} hint={t('directory.search.date_hint')} />
            <SubmitButton>{t('directory.calendar.submit')}</SubmitButton>
          </form>
        </details>
        {entries === null ? null : entries.length === 0 ? (
          <p>{t('directory.calendar.none')}</p>
        ) : (
          [...days].map(([day, list]) => (
            <section class="calendar-day" aria-labelledby={`day-${day}`}>
              <h2 id={`day-${day}`}>{formatDay(`${day}T12:00:00Z`, ctx.locale)}</h2>
              <ul class="session-list">
                {list.map((entry) => {
                  const name = pickText(entry.offer.name, ctx.locale, { fallback: entry.offer.defaultLocale });
                  const place = entry.location ? [entry.location.name, communeLabel(entry.location, ctx)].filter(Boolean).join(', ') : null;
                  return (
                    <li class="card">
                      <p>
                        <strong>
                          {t('directory.calendar.time_range', { from: formatTime(entry.session.startsAt, ctx.locale), to: formatTime(entry.session.endsAt, ctx.locale) })}
                        </strong>
                      </p>
                      <h3>
                        <a href={href(ctx, `/offers/${entry.offer.id}`)} lang={langIfOther(name, ctx.locale)}>
                          {name?.value ?? entry.offer.id}
                        </a>
                      </h3>
                      {place ? <p class="meta">{place}</p> : null}
                      <p>
                        <PlacesLeft ctx={ctx} view={entry} />
                      </p>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))
        )}
        {entries !== null ? (
          <p>
            <a href={href(ctx, `/search.ics${queryString ? `?${queryString}` : ''}`)} type="text/calendar">
              {t('directory.calendar.ics_link')}
            </a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
