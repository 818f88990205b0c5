import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/http/context.js';
import type { Mandate, RelyingService } from '../mandates.model.js';
import type { DelegationCode } from '../mandates.types.js';
import { BackLink } from './components.js';

/** The one link that takes the agent to the service with a fresh delegation code. */
export function ContinuePage({ ctx, mandate, service, delegation }: { ctx: PageContext; mandate: Mandate; service: RelyingService; delegation: DelegationCode }) {
  const { t } = ctx;
  const title = t('mandates.use.continue_title', { service: service.name });
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap narrow">
        <BackLink ctx={ctx} to={`/mandates/${mandate.id}`} label={t('mandates.receipt.back')} />
        <h1>{title}</h1>
        <p class="lead">{t('mandates.use.continue_intro', { service: service.name, principal: mandate.principal.displayName })}</p>
        <p>
          <a class="button" href={delegation.continueUrl}>
            {t('mandates.use.continue_link', { service: service.name })}
          </a>
        </p>
        <p class="meta">{t('mandates.use.continue_once')}</p>
      </div>
    </Layout>
  );
}
