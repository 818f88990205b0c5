import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Mandate } from '../mandates.model.js';
import { agentName, period, StatusTag } from './components.js';

/** "Who can act for me" and "I can act for", each mandate with its state and a link to it. */
export function ListPage({
  ctx,
  asPrincipal,
  asAgent,
  assisted,
}: {
  ctx: PageContext;
  asPrincipal: readonly Mandate[];
  asAgent: readonly Mandate[];
  /** Helpers of an organisation prepare mandates for others; everyone else gives their own. */
  assisted: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mandates.list.title')}>
      <div class="wrap">
        <h1>{t('mandates.list.title')}</h1>
        <p class="lead">{t('mandates.list.intro')}</p>
        <p>
          <a class="button" href={href(ctx, '/mandates/new')}>
            {assisted ? t('mandates.list.new_assisted') : t('mandates.list.new')}
          </a>
        </p>
        {assisted ? null : (
          <section aria-labelledby="as-principal">
            <h2 id="as-principal">{t('mandates.list.as_principal')}</h2>
            {asPrincipal.length === 0 ? (
              <p>{t('mandates.list.as_principal_empty')}</p>
            ) : (
              <ul class="mandate-list">
                {asPrincipal.map((mandate) => (
                  <MandateItem ctx={ctx} mandate={mandate} title={t('mandates.list.for_agent', { agent: agentName(ctx, mandate.agent) })} />
                ))}
              </ul>
            )}
          </section>
        )}
        <section aria-labelledby="as-agent">
          <h2 id="as-agent">{t('mandates.list.as_agent')}</h2>
          {asAgent.length === 0 ? (
            <p>{t('mandates.list.as_agent_empty')}</p>
          ) : (
            <ul class="mandate-list">
              {asAgent.map((mandate) => (
                <MandateItem
                  ctx={ctx}
                  mandate={mandate}
                  title={t('mandates.list.from_principal', { principal: mandate.principal.displayName, agent: agentName(ctx, mandate.agent) })}
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </Layout>
  );
}

function MandateItem({ ctx, mandate, title }: { ctx: PageContext; mandate: Mandate; title: string }) {
  const { t } = ctx;
  const areas = mandate.scopes.filter((s) => !s.revokedAt).map((s) => t(`mandates.category.${s.category}`));
  return (
    <li class="card">
      <h3>
        <a href={href(ctx, `/mandates/${mandate.id}`)}>{title}</a>
      </h3>
      <p>
        <StatusTag ctx={ctx} status={mandate.status} /> {period(ctx, mandate.startsAt, mandate.endsAt)}
      </p>
      {areas.length > 0 ? <p class="meta">{areas.join(', ')}</p> : null}
    </li>
  );
}
