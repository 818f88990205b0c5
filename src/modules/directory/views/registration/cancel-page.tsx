import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import { CsrfField, SubmitButton } from '../../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../../platform/http/context.js';
import type { Registration } from '../../directory.model.js';
import { SessionSummary, type SessionDetails } from './session-summary.js';

/** Before: what will be cancelled and a button; after: that it is done. */
export function CancelPage({
  ctx,
  details,
  registration,
  token,
  done,
}: {
  ctx: PageContext;
  details: SessionDetails;
  registration: Registration;
  token: string;
  done: boolean;
}) {
  const { t } = ctx;
  const cancelled = registration.status === 'cancelled';
  const title = cancelled ? t('directory.registration.cancel.done_title') : t('directory.registration.cancel.title');
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <h1>{title}</h1>
        {cancelled ? (
          <div class="notice notice--success" role="status">
            <p>{done ? t('directory.registration.cancel.done') : t('directory.registration.cancel.already')}</p>
          </div>
        ) : (
          <p class="lead">
            {registration.status === 'confirmed'
              ? t('directory.registration.cancel.intro_confirmed', { name: registration.name })
              : t('directory.registration.cancel.intro_waitlisted', { name: registration.name })}
          </p>
        )}
        <SessionSummary ctx={ctx} details={details} />
        {cancelled ? (
          <p>
            <a href={href(ctx, `/offers/${details.offer.id}`)}>{t('directory.registration.back_to_offer')}</a>
          </p>
        ) : (
          <form method="post" action={href(ctx, `/registrations/cancel/${token}`)}>
            <CsrfField token={ctx.csrfToken} />
            <div class="button-row">
              <SubmitButton>{t('directory.registration.cancel.submit')}</SubmitButton>
              <a href={href(ctx, `/offers/${details.offer.id}`)}>{t('directory.registration.cancel.keep')}</a>
            </div>
          </form>
        )}
      </div>
    </Layout>
  );
}
