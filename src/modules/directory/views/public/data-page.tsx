import { h } from '../../../../platform/views/jsx.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { PageContext } from '../../../../platform/http/context.js';

interface Source {
  readonly key: string;
  readonly url: string;
}

// Names and addresses of sources are not translated; what they are and their licences are messages.
const SOURCES: readonly Source[] = [
  { key: 'boundaries', url: 'https://data.public.lu/' },
  { key: 'addresses', url: 'https://data.public.lu/' },
  { key: 'names_wof', url: 'https://whosonfirst.org/' },
  { key: 'names_wikipedia', url: 'https://lb.wikipedia.org/' },
  { key: 'cantons', url: 'https://www.wikidata.org/' },
];

export function DataPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('directory.data.title')}>
      <div class="wrap">
        <h1>{t('directory.data.title')}</h1>
        <p class="lead">{t('directory.data.intro')}</p>
        <h2>{t('directory.data.offers_heading')}</h2>
        <p>{t('directory.data.offers_text')}</p>
        <h2>{t('directory.data.sources_heading')}</h2>
        <ul class="source-list">
          {SOURCES.map((source) => (
            <li>
              <h3>{t(`directory.data.source.${source.key}.name`)}</h3>
              <p>{t(`directory.data.source.${source.key}.what`)}</p>
              <p>
                <strong>{t('directory.data.licence')}</strong> {t(`directory.data.source.${source.key}.licence`)}
              </p>
              <p>
                <a href={source.url} rel="noopener">
                  {t('directory.data.visit', { name: t(`directory.data.source.${source.key}.name`) })}
                </a>
              </p>
            </li>
          ))}
        </ul>
        <p class="notice">{t('directory.data.credit')}</p>
        <h2>{t('directory.data.api_heading')}</h2>
        <p>{t('directory.data.api_text')}</p>
        <p>
          <a href="/api/openapi.json">{t('directory.data.api_link')}</a>
        </p>
      </div>
    </Layout>
  );
}
