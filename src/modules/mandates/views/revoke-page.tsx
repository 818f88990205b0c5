import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, SubmitButton } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Mandate } from '../mandates.model.js';
import { agentName, MandateFacts, mandateFacts } from './components.js';

/** The second step before ending a whole mandate: a plain page, so it needs no script. */
export function RevokeConfirmPage({ ctx, mandate }: { ctx: PageContext; mandate: Mandate }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mandates.revoke.confirm_title')}>
      <div class="wrap narrow">
        <h1>{t('mandates.revoke.confirm_title')}</h1>
        <p class="lead">
          {t('mandates.revoke.confirm_text', { agent: agentName(ctx, mandate.agent), principal: mandate.principal.displayName })}
        </p>
        <MandateFacts ctx={ctx} {...mandateFacts(mandate)} />
        <div class="button-row">
          <form method="post" action={href(ctx, `/mandates/${mandate.id}/revoke`)}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="button button--danger">
              {t('mandates.revoke.confirm')}
            </button>
          </form>
          <a class="button button--secondary" href={href(ctx, `/mandates/${mandate.id}`)}>
            {t('mandates.revoke.cancel')}
          </a>
        </div>
      </div>
    </Layout>
  );
}
