import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import type { Registration } from '../../directory.model.js';
import { formatDateTime } from '../public/text.js';
import { SessionSummary, type SessionDetails } from '../registration/session-summary.js';

/** The organiser's list: who comes, how to reach them, what help they need. */
export function RegistrationsPage({
  ctx,
  details,
  groups,
}: {
  ctx: PageContext;
  details: SessionDetails;
  groups: { confirmed: readonly Registration[]; waitlisted: readonly Registration[]; cancelled: readonly Registration[] };
}) {
  const { t } = ctx;
  const title = t('directory.provider.registrations.title');
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap">
        <p class="no-print">
          <a href={href(ctx, '/provider')}>{t('directory.provider.back_to_dashboard')}</a>
        </p>
        <h1>{title}</h1>
        <SessionSummary ctx={ctx} details={details} />
        <p>
          {t('directory.provider.registrations.counts', {
            confirmed: groups.confirmed.length,
            capacity: details.session.capacity,
            waitlisted: groups.waitlisted.length,
          })}
        </p>
        <p class="meta">{t('directory.provider.registrations.privacy')}</p>
        {(['confirmed', 'waitlisted', 'cancelled'] as const).map((status) => (
          <section aria-labelledby={`reg-${status}`}>
            <h2 id={`reg-${status}`}>{t(`directory.provider.registrations.${status}_heading`, { count: groups[status].length })}</h2>
            {groups[status].length === 0 ? (
              <p>{t('directory.provider.registrations.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('directory.provider.registrations.name')}</th>
                    <th scope="col">{t('directory.provider.registrations.contact')}</th>
                    <th scope="col">{t('directory.provider.registrations.needs')}</th>
                    <th scope="col">{t('directory.provider.registrations.status')}</th>
                    <th scope="col">{t('directory.provider.registrations.registered_at')}</th>
                  </tr>
                </thead>
                <tbody>
                  {groups[status].map((r) => (
                    <tr>
                      <td>{r.name}</td>
                      <td>{r.contact}</td>
                      <td>{r.needs ?? '–'}</td>
                      <td>{t(`directory.provider.registrations.statuses.${r.status}`)}</td>
                      <td>{formatDateTime(r.createdAt, ctx.locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
      </div>
    </Layout>
  );
}
