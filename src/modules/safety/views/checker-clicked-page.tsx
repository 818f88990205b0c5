import { h } from '../../../platform/views/jsx.js';
import { Layout } from '../../../platform/views/layout.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Brand } from '../analysis/analysis.types.js';

interface Step {
  readonly key: string;
  /** Only organisations' own sites and numbers we are sure of; never a number found in a message. */
  readonly link?: { readonly href: string; readonly text: string };
}

const LUXTRUST = { href: 'https://www.luxtrust.lu', text: 'luxtrust.lu' };
const POLICE = { href: 'https://police.public.lu', text: 'police.public.lu' };
const BEE_SECURE_HELPLINE = { href: 'tel:+35280021234', text: '8002-1234' };
const BEE_SECURE = { href: 'https://www.bee-secure.lu', text: 'bee-secure.lu' };

/** Each situation with its steps, most urgent first. */
const SITUATIONS: ReadonlyArray<{ readonly id: string; readonly steps: readonly Step[] }> = [
  { id: 'link', steps: [{ key: 'close' }, { key: 'no_download' }, { key: 'watch' }] },
  { id: 'password', steps: [{ key: 'change_now' }, { key: 'same_elsewhere' }, { key: 'second_step' }, { key: 'mail_rules' }] },
  { id: 'code', steps: [{ key: 'call_bank' }, { key: 'block_luxtrust', link: LUXTRUST }, { key: 'check_account' }] },
  { id: 'paid', steps: [{ key: 'call_bank' }, { key: 'keep_proof' }, { key: 'complain' }, { key: 'recovery_scam' }] },
  { id: 'installed', steps: [{ key: 'disconnect' }, { key: 'call_bank' }, { key: 'remove' }, { key: 'passwords_elsewhere' }] },
  {
    id: 'everyone',
    steps: [{ key: 'police', link: POLICE }, { key: 'helpline', link: BEE_SECURE_HELPLINE }, { key: 'bee_secure', link: BEE_SECURE }, { key: 'report' }, { key: 'not_alone' }],
  },
];

function StepItem({ ctx, situation, step }: { ctx: PageContext; situation: string; step: Step }) {
  return (
    <li>
      {ctx.t(`safety.clicked.${situation}.steps.${step.key}`)}
      {step.link ? (
        <span>
          {' '}
          <a href={step.link.href}>{step.link.text}</a>
        </span>
      ) : null}
    </li>
  );
}

export function CheckerClickedPage({ ctx, brands }: { ctx: PageContext; brands: readonly Brand[] }) {
  const { t } = ctx;
  const withPhones = brands.filter((b) => b.phones.length > 0);
  return (
    <Layout ctx={ctx} title={t('safety.clicked.title')}>
      <div class="wrap narrow">
        <h1>{t('safety.clicked.title')}</h1>
        <p class="lead">{t('safety.clicked.intro')}</p>
        <nav aria-labelledby="situations-title">
          <h2 id="situations-title">{t('safety.clicked.what_happened')}</h2>
          <ul class="link-list">
            {SITUATIONS.map((s) => (
              <li>
                <a href={`#${s.id}`}>{t(`safety.clicked.${s.id}.heading`)}</a>
              </li>
            ))}
          </ul>
        </nav>
        {SITUATIONS.map((s) => (
          <section aria-labelledby={s.id}>
            <h2 id={s.id}>{t(`safety.clicked.${s.id}.heading`)}</h2>
            <ol class="steps">
              {s.steps.map((step) => (
                <StepItem ctx={ctx} situation={s.id} step={step} />
              ))}
            </ol>
          </section>
        ))}
        {withPhones.length > 0 ? (
          <section aria-labelledby="contacts-title">
            <h2 id="contacts-title">{t('safety.clicked.contacts.heading')}</h2>
            <p>{t('safety.clicked.contacts.intro')}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('safety.clicked.contacts.name')}</th>
                  <th scope="col">{t('safety.clicked.contacts.website')}</th>
                  <th scope="col">{t('safety.clicked.contacts.phone')}</th>
                </tr>
              </thead>
              <tbody>
                {withPhones.map((brand) => (
                  <tr>
                    <th scope="row">{brand.name}</th>
                    <td>{brand.domains[0]}</td>
                    <td>
                      {brand.phones.map((phone, i) => (
                        <span>
                          {i > 0 ? ', ' : ''}
                          <a href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>{phone}</a>
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        <p>
          <a href={href(ctx, '/safety')}>{t('safety.clicked.back')}</a>
        </p>
      </div>
    </Layout>
  );
}
