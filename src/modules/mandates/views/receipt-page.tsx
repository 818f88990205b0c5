import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { JournalEntry, Mandate, RelyingService } from '../mandates.model.js';
import { BackLink, dateAndTime, MandateFacts, mandateFacts, Notice } from './components.js';
import { historySentence } from './history.js';

/** Proof that a mandate or one of its areas was ended: what, when, by whom, and its place in the journal. */
export function ReceiptPage({
  ctx,
  mandate,
  entry,
  services,
  fresh,
}: {
  ctx: PageContext;
  mandate: Mandate;
  entry: JournalEntry;
  services: ReadonlyMap<string, RelyingService>;
  /** Just revoked: say so, once, above the receipt. */
  fresh: boolean;
}) {
  const { t } = ctx;
  const title = entry.kind === 'scope_revoked' ? t('mandates.receipt.title_area') : t('mandates.receipt.title_all');
  const when = dateAndTime(ctx, entry.at);
  return (
    <Layout ctx={ctx} title={title}>
      <div class="wrap receipt">
        <BackLink ctx={ctx} to={`/mandates/${mandate.id}`} label={t('mandates.receipt.back')} />
        {fresh ? (
          <div class="no-print">
            <Notice kind="success">{t('mandates.receipt.done')}</Notice>
          </div>
        ) : null}
        <h1>{title}</h1>
        <p class="lead">{historySentence(ctx, mandate, entry, services)}</p>
        <dl class="summary-list">
          <div>
            <dt>{t('mandates.receipt.when')}</dt>
            <dd>{t('mandates.receipt.when_value', when)}</dd>
          </div>
          <div>
            <dt>{t('mandates.receipt.mandate_number')}</dt>
            <dd>
              <code>{mandate.id}</code>
            </dd>
          </div>
          <div>
            <dt>{t('mandates.receipt.entry_number')}</dt>
            <dd>{String(entry.seq)}</dd>
          </div>
          <div>
            <dt>{t('mandates.receipt.fingerprint')}</dt>
            <dd>
              <code class="fingerprint">{entry.hash}</code>
            </dd>
          </div>
        </dl>
        <h2>{t('mandates.receipt.now')}</h2>
        <MandateFacts ctx={ctx} {...mandateFacts(mandate)} />
        <p class="meta">{t('mandates.receipt.fingerprint_hint')}</p>
        <p class="no-print">{t('mandates.receipt.print_hint')}</p>
        <p class="no-print">
          <a href={href(ctx, '/mandates')}>{t('mandates.detail.back')}</a>
        </p>
      </div>
    </Layout>
  );
}
