import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Submitted } from '../stopline.model.js';
import { formatDay, SafetyLinks } from './stopline-components.js';

/** The tracking code, shown this once: only its hash is kept, so nobody can show it again. */
export function StoplineSentPage({ ctx, submitted }: { ctx: PageContext; submitted: Submitted }) {
  const { t } = ctx;
  const statusUrl = `${ctx.publicUrl}${href(ctx, '/report-illegal-content/status')}`;
  return (
    <Layout ctx={ctx} title={t('safety.stopline.sent.title')}>
      <div class="wrap narrow">
        <h1>{t('safety.stopline.sent.title')}</h1>
        <p class="lead">{t('safety.stopline.sent.received', { date: formatDay(submitted.receivedAt, ctx.locale) })}</p>
        <h2>{t('safety.stopline.sent.code_heading')}</h2>
        <p class="access-code">
          <code id="tracking-code">{submitted.trackingCode}</code>
        </p>
        <div class="notice notice--warning">
          <p>{t('safety.stopline.sent.shown_once')}</p>
        </div>
        <h2>{t('safety.stopline.sent.how_heading')}</h2>
        <p>
          {t('safety.stopline.sent.how')} <a href={href(ctx, '/report-illegal-content/status')}>{statusUrl}</a>
        </p>
        <p>{t('safety.stopline.sent.what_next')}</p>
        <SafetyLinks ctx={ctx} except="status" />
      </div>
    </Layout>
  );
}
