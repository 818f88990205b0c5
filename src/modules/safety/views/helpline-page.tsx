import { h, type SafeHtml } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import type { PageContext } from '../../../platform/http/context.js';
import { SafetyLinks } from './stopline-components.js';

export interface HelplineView {
  readonly phone: string;
  /** The opening hours for the coming week, already rendered in the reader's language. */
  readonly hours: SafeHtml;
}

/** The number to call for advice; a written chat with a helper is announced, never linked before it exists. */
export function HelplinePage({ ctx, helpline }: { ctx: PageContext; helpline: HelplineView }) {
  const { t } = ctx;
  const dial = helpline.phone.replace(/[^\d+]/g, '');
  return (
    <Layout ctx={ctx} title={t('safety.helpline.title')}>
      <div class="wrap narrow">
        <h1>{t('safety.helpline.title')}</h1>
        <p class="lead">{t('safety.helpline.intro')}</p>
        <ul>
          <li>{t('safety.helpline.free')}</li>
          <li>{t('safety.helpline.anonymous')}</li>
        </ul>
        <h2>{t('safety.helpline.call_heading')}</h2>
        <p class="access-code">
          <a href={`tel:${dial}`}>
            <span class="visually-hidden">{t('safety.helpline.call_label')} </span>
            <code>{helpline.phone}</code>
          </a>
        </p>
        {helpline.hours}
        <h2>{t('safety.helpline.chat_heading')}</h2>
        <p>{t('safety.helpline.chat_later')}</p>
        <h2>{t('safety.helpline.emergency_heading')}</h2>
        <p>{t('safety.helpline.emergency')}</p>
        <SafetyLinks ctx={ctx} except="helpline" />
      </div>
    </Layout>
  );
}
