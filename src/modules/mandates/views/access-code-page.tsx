import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Mandate } from '../mandates.model.js';
import type { AccessCode } from '../mandates.types.js';
import { agentName, BackLink } from './components.js';
import { formatDate } from './format.js';

/** The new access code, shown once: grouped for reading aloud, with its end and what it reveals. */
export function AccessCodePage({ ctx, mandate, code }: { ctx: PageContext; mandate: Mandate; code: AccessCode }) {
  const { t } = ctx;
  const checkUrl = `${ctx.publicUrl}${href(ctx, '/mandate-check')}`;
  return (
    <Layout ctx={ctx} title={t('mandates.access_code.title')}>
      <div class="wrap narrow">
        <BackLink ctx={ctx} to={`/mandates/${mandate.id}`} label={t('mandates.receipt.back')} />
        <h1>{t('mandates.access_code.title')}</h1>
        <p class="access-code">
          <code>{code.code}</code>
        </p>
        <div class="notice notice--warning">
          <p>{t('mandates.access_code.shown_once')}</p>
        </div>
        <p>{t('mandates.access_code.valid_until', { date: formatDate(code.expiresAt, ctx.locale) })}</p>
        <h2>{t('mandates.access_code.shows_heading')}</h2>
        <p>{t('mandates.access_code.shows', { principal: mandate.principal.displayName, agent: agentName(ctx, mandate.agent) })}</p>
        <p>{t('mandates.access_code.not_shows')}</p>
        <h2>{t('mandates.access_code.where_heading')}</h2>
        <p>
          {t('mandates.access_code.where')} <a href={href(ctx, '/mandate-check')}>{checkUrl}</a>
        </p>
      </div>
    </Layout>
  );
}
