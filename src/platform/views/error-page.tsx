import { h } from './jsx.js';
import { Layout } from './layout.js';
import { href, type PageContext } from '../http/context.js';
import type { AppError } from '../http/app-error.js';

export function ErrorPage({ ctx, error }: { ctx: PageContext; error: AppError }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('errors.page_title')}>
      <div class="wrap">
        <h1>{t('errors.page_title')}</h1>
        <p class="lead">{t(error.messageKey)}</p>
        <p>
          {t('errors.code_label')} <code>{error.code}</code>
        </p>
        {error.status === 401 ? (
          <p>
            <a class="button" href={href(ctx, `/login?next=${encodeURIComponent(ctx.path + ctx.search)}`)}>
              {t('layout.nav.sign_in')}
            </a>
          </p>
        ) : (
          <p>
            <a href={href(ctx, '/')}>{t('errors.back_home')}</a>
          </p>
        )}
      </div>
    </Layout>
  );
}
