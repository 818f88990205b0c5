import { h, Fragment, type Child, type SafeHtml } from './jsx.js';
import { LOCALES, LOCALE_NAMES } from '../i18n/locales.js';
import { href, type PageContext } from '../http/context.js';
import { homePathOf } from '../auth/roles.js';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Extra elements for <head>, such as JSON-LD or a feed link. */
  head?: Child;
  /** Scripts that only enhance the page (served from /static, never inline). */
  scripts?: readonly string[];
  /** Print sheets and embeds leave out the site navigation. */
  bare?: boolean;
  children?: Child;
}

export function Layout({ ctx, title, head, scripts = [], bare = false, children }: LayoutProps): SafeHtml {
  const { t, locale } = ctx;
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('layout.site_name')}`}</title>
        <link rel="stylesheet" href="/static/css/site.css" />
        <link rel="icon" href="/static/img/icon.svg" type="image/svg+xml" />
        {LOCALES.map((l) => (
          <link rel="alternate" hreflang={l} href={`${ctx.publicUrl}/${l}${ctx.path === '/' ? '/' : ctx.path}${ctx.search}`} />
        ))}
        <link rel="alternate" hreflang="x-default" href={`${ctx.publicUrl}/`} />
        {head}
        {scripts.map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip_to_content')}
        </a>
        {bare ? null : <SiteHeader ctx={ctx} />}
        <main id="main" tabindex="-1">
          {children}
        </main>
        {bare ? null : <SiteFooter ctx={ctx} />}
      </body>
    </html>
  );
}

function SiteHeader({ ctx }: { ctx: PageContext }): SafeHtml {
  const { t } = ctx;
  return (
    <header class="site-header">
      <div class="wrap header-row">
        <a class="brand" href={href(ctx, '/')}>
          <img src="/static/img/icon.svg" alt="" width="32" height="32" />
          <span>{t('layout.site_name')}</span>
        </a>
        <nav aria-label={t('layout.main_navigation')}>
          <ul class="nav-list">
            <li>
              <a href={href(ctx, '/search')}>{t('layout.nav.find_help')}</a>
            </li>
            <li>
              <a href={href(ctx, '/calendar')}>{t('layout.nav.calendar')}</a>
            </li>
            <li>
              <a href={href(ctx, '/safety')}>{t('safety.nav.checker')}</a>
            </li>
            <li>
              {ctx.user ? (
                <a href={href(ctx, homePathOf(ctx.user))}>{t('layout.nav.provider_area')}</a>
              ) : (
                <a href={href(ctx, '/login')}>{t('layout.nav.sign_in')}</a>
              )}
            </li>
            {ctx.user && homePathOf(ctx.user) !== '/mandates' ? (
              <li>
                <a href={href(ctx, '/mandates')}>{t('mandates.nav.link')}</a>
              </li>
            ) : null}
          </ul>
        </nav>
        <LanguageSwitcher ctx={ctx} />
      </div>
    </header>
  );
}

export function LanguageSwitcher({ ctx }: { ctx: PageContext }): SafeHtml {
  return (
    <nav class="language-switcher" aria-label={ctx.t('layout.language')}>
      <ul>
        {LOCALES.map((l) => (
          <li>
            <a
              href={`/${l}${ctx.path === '/' ? '/' : ctx.path}${ctx.search}`}
              hreflang={l}
              lang={l}
              aria-current={l === ctx.locale ? 'true' : undefined}
            >
              {LOCALE_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SiteFooter({ ctx }: { ctx: PageContext }): SafeHtml {
  const { t } = ctx;
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>{t('layout.footer.about')}</p>
        <ul class="footer-links">
          <li>
            <a href="/api/openapi.json">{t('layout.footer.open_data')}</a>
          </li>
          <li>
            <a href={href(ctx, '/about/data')}>{t('layout.footer.sources')}</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}

export function PageHeading({ children }: { children?: Child }): SafeHtml {
  return <h1 class="page-heading">{children}</h1>;
}

export { Fragment };
