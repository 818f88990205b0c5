import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import type { Registration } from '../../directory.model.js';
import { SessionSummary, type SessionDetails } from './session-summary.js';

/** Shown once, right after registering: the cancel link exists nowhere else. */
export function RegisteredPage({ ctx, details, registration, cancelToken }: { ctx: PageContext; details: SessionDetails; registration: Registration; cancelToken: string }) {
  const { t } = ctx;
  const confirmed = registration.status === 'confirmed';
  const title = confirmed ? t('directory.registration.done.confirmed_title') : t('directory.registration.done.waitlisted_title');
  const cancelUrl = `${ctx.publicUrl}${href(ctx, `/registrations/cancel/${cancelToken}`)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <h1>{title}</h1>
        <div class={confirmed ? 'notice notice--success' : 'notice notice--warning'} role="status">
          <p>
            {confirmed
              ? t('directory.registration.done.confirmed', { name: registration.name })
              : t('directory.registration.done.waitlisted', { name: registration.name })}
          </p>
        </div>
        <SessionSummary ctx={ctx} details={details} />
        <section aria-labelledby="cancel-link-title" class="card">
          <h2 id="cancel-link-title">{t('directory.registration.done.cancel_title')}</h2>
          <p>{t('directory.registration.done.keep_link')}</p>
          <p class="cancel-link">
            <a href={cancelUrl}>{cancelUrl}</a>
          </p>
          <p class="meta">{t('directory.registration.done.shown_once')}</p>
        </section>
        <p class="no-print">
          <a href={href(ctx, `/offers/${details.offer.id}`)}>{t('directory.registration.back_to_offer')}</a>
        </p>
      </div>
    </Layout>
  );
}
