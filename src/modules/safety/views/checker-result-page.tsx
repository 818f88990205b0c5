import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { CsrfField, SubmitButton } from '../../../platform/views/form-components.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Analysis, Verdict } from '../analysis/analysis.types.js';
import { ReasonList, VerdictIcon } from './checker-components.js';

/** What to do now, per verdict: the first steps are the ones that prevent harm. */
const STEPS: Readonly<Record<Verdict, readonly string[]>> = {
  very_likely_scam: ['do_not_click', 'do_not_answer', 'never_codes', 'contact_yourself', 'delete'],
  be_careful: ['do_not_click', 'never_codes', 'contact_yourself', 'ask_someone'],
  likely_safe: ['never_codes', 'contact_yourself'],
};

function Summary({ ctx, summary }: { ctx: PageContext; summary: Analysis['summary'] }) {
  const { t } = ctx;
  const rows = [
    summary.from ? { label: t('safety.result.summary.from'), value: <span>{summary.from}</span> } : null,
    summary.subject ? { label: t('safety.result.summary.subject'), value: <span>{summary.subject}</span> } : null,
    summary.links.length > 0
      ? {
          label: t('safety.result.summary.links', { count: summary.links.length }),
          // Shown as text, never as links: the page must not become a way to open the scam.
          value: (
            <ul class="plain-list">
              {summary.links.slice(0, 20).map((link) => (
                <li>
                  <code class="break">{link}</code>
                </li>
              ))}
            </ul>
          ),
        }
      : null,
    summary.attachments.length > 0
      ? {
          label: t('safety.result.summary.attachments', { count: summary.attachments.length }),
          value: (
            <ul class="plain-list">
              {summary.attachments.map((name) => (
                <li>
                  <code class="break">{name}</code>
                </li>
              ))}
            </ul>
          ),
        }
      : null,
  ].filter((row) => row !== null);
  if (rows.length === 0) return <span></span>;
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{t('safety.result.summary.heading')}</h2>
      <dl class="summary-list">
        {rows.map((row) => (
          <div>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function CheckerResultPage({ ctx, analysis, reportToken }: { ctx: PageContext; analysis: Analysis; reportToken: string }) {
  const { t } = ctx;
  const { verdict } = analysis;
  return (
    <Layout ctx={ctx} title={`${t(`safety.result.verdict.${verdict}`)} – ${t('safety.result.title')}`}>
      <div class="wrap narrow">
        <h1>{t('safety.result.title')}</h1>
        <div class={`verdict verdict--${verdict}`}>
          <VerdictIcon verdict={verdict} />
          <div>
            <p class="verdict__answer">
              {t('safety.result.answer')} <strong>{t(`safety.result.verdict.${verdict}`)}</strong>
            </p>
            <p>{t(`safety.result.explain.${verdict}`)}</p>
          </div>
        </div>

        <section aria-labelledby="reasons-title">
          <h2 id="reasons-title">{t('safety.result.reasons_heading')}</h2>
          {analysis.reasons.length > 0 ? <ReasonList ctx={ctx} reasons={analysis.reasons} /> : <p>{t('safety.result.no_reasons')}</p>}
        </section>

        <section aria-labelledby="steps-title">
          <h2 id="steps-title">{t('safety.result.steps_heading')}</h2>
          <ol class="steps">
            {STEPS[verdict].map((step) => (
              <li>{t(`safety.result.steps.${step}`)}</li>
            ))}
          </ol>
          <p>
            <a class="button button--secondary" href={href(ctx, '/safety/already-clicked')}>
              {t('safety.checker.already_clicked_link')}
            </a>
          </p>
        </section>

        <Summary ctx={ctx} summary={analysis.summary} />

        <section class="card" aria-labelledby="report-title">
          <h2 id="report-title">{t('safety.result.report.heading')}</h2>
          <p>{t('safety.result.report.text')}</p>
          <form method="post" action={href(ctx, '/safety/report')}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="report" value={reportToken} />
            <SubmitButton>{t('safety.result.report.submit')}</SubmitButton>
          </form>
        </section>

        <p>
          <a href={href(ctx, '/safety')}>{t('safety.result.check_another')}</a>
        </p>
      </div>
    </Layout>
  );
}
