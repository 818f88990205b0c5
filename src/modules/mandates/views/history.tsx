import { h, Fragment, type SafeHtml } from '../../../platform/views/jsx.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import { MANDATE_ACTIONS, PROCEDURE_CATEGORIES, type JournalEntry, type Mandate, type RelyingService } from '../mandates.model.js';
import { dateAndTime } from './components.js';
import { formatDate } from './format.js';

/** Why a service was refused, as our token endpoint names it; anything else is told without a reason. */
const TOKEN_REASONS = new Set([
  'unknown_code',
  'code_expired',
  'code_used',
  'other_service',
  'mandate_not_active',
  'mandate_expired',
  'mandate_revoked',
  'out_of_scope',
  'scope_revoked',
  'wrong_organization',
  'organization_not_accredited',
  'second_factor_required',
]);

const REVOCATIONS = new Set(['scope_revoked', 'mandate_revoked']);

type Details = JournalEntry['details'];

function text(details: Details, ...names: string[]): string | null {
  for (const name of names) {
    const value = details[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** "Taxes and money: Send forms and requests; Family: See documents and letters" from `taxes_money:submit family:view`. */
function scopeWords(ctx: PageContext, scope: string | readonly string[]): string {
  const pairs = (typeof scope === 'string' ? scope.split(/\s+/) : scope).filter(Boolean);
  const byCategory = new Map<string, string[]>();
  for (const pair of pairs) {
    const [category = '', action = ''] = pair.split(':');
    if (!(PROCEDURE_CATEGORIES as readonly string[]).includes(category)) continue;
    const actions = byCategory.get(category) ?? [];
    if ((MANDATE_ACTIONS as readonly string[]).includes(action)) actions.push(ctx.t(`mandates.action.${action}`));
    byCategory.set(category, actions);
  }
  return [...byCategory]
    .map(([category, actions]) => {
      const area = ctx.t(`mandates.category.${category}`);
      return actions.length > 0 ? `${area}: ${actions.join(', ')}` : area;
    })
    .join('; ');
}

/** The words for who did something: the parties by name, a service by its name, never a bare id. */
function actorName(ctx: PageContext, mandate: Mandate, entry: JournalEntry, services: ReadonlyMap<string, RelyingService>): string {
  const { actor } = entry;
  if (actor === mandate.principal.userId) return mandate.principal.displayName;
  if (mandate.agent.kind === 'person' && actor === mandate.agent.userId) return mandate.agent.displayName;
  if (actor.startsWith('service:')) return serviceName(entry, services) ?? ctx.t('mandates.history.actor.service');
  if (actor === 'access-code') return ctx.t('mandates.history.actor.access_code');
  if (actor === 'system') return ctx.t('mandates.history.actor.system');
  if (mandate.agent.kind === 'organization') return ctx.t('mandates.history.actor.helper', { organization: mandate.agent.name });
  return ctx.t('mandates.history.actor.helper_other');
}

function serviceName(entry: JournalEntry, services: ReadonlyMap<string, RelyingService>): string | null {
  const named = text(entry.details, 'service_name');
  if (named) return named;
  const clientId = text(entry.details, 'service') ?? (entry.actor.startsWith('service:') ? entry.actor.slice('service:'.length) : null);
  return clientId ? (services.get(clientId)?.name ?? null) : null;
}

/** The agent side as people know it: the person, or the organisation whose helper acted. */
const agentSide = (mandate: Mandate) => (mandate.agent.kind === 'person' ? mandate.agent.displayName : mandate.agent.name);

/** One sentence in plain words for one journal entry, with its date and time. */
export function historySentence(ctx: PageContext, mandate: Mandate, entry: JournalEntry, services: ReadonlyMap<string, RelyingService>): string {
  const { t } = ctx;
  const when = dateAndTime(ctx, entry.at);
  const actor = actorName(ctx, mandate, entry, services);
  const service = serviceName(entry, services) ?? t('mandates.history.actor.service');
  const scope = entry.details.scope;
  const scopeText = typeof scope === 'string' || Array.isArray(scope) ? scopeWords(ctx, scope as string | readonly string[]) : '';
  const base = { ...when, actor, principal: mandate.principal.displayName, agent: agentSide(mandate), service };
  const ending = text(entry.details, 'code_ends_with');
  switch (entry.kind) {
    case 'consent_given':
      return text(entry.details, 'method') === 'paper'
        ? t('mandates.history.consent_given_paper', base)
        : t('mandates.history.consent_given_online', base);
    case 'scope_revoked': {
      const category = text(entry.details, 'category');
      return category && (PROCEDURE_CATEGORIES as readonly string[]).includes(category)
        ? t('mandates.history.scope_revoked', { ...base, category: t(`mandates.category.${category}`) })
        : t('mandates.history.scope_revoked_unnamed', base);
    }
    case 'access_code_created': {
      const until = text(entry.details, 'expires_at');
      return t('mandates.history.access_code_created', { ...base, ending: ending ?? '', until: until ? formatDate(until, ctx.locale) : '' });
    }
    case 'access_code_viewed':
    case 'access_code_refused':
      return t(`mandates.history.${entry.kind}`, { ...base, ending: ending ?? '' });
    case 'reminder_sent':
      return t('mandates.history.reminder_sent', { ...base, days: Number(entry.details.days_before ?? 0) });
    case 'token_issued':
      return scopeText ? t('mandates.history.token_issued', { ...base, scope: scopeText }) : t('mandates.history.token_issued_unscoped', base);
    case 'token_refused': {
      const reason = text(entry.details, 'reason');
      return reason && TOKEN_REASONS.has(reason)
        ? t('mandates.history.token_refused', { ...base, reason: t(`mandates.history.reason.${reason}`) })
        : t('mandates.history.token_refused_unexplained', base);
    }
    case 'mandate_proposed':
    case 'consent_form_printed':
    case 'mandate_accepted':
    case 'mandate_revoked':
    case 'mandate_expired':
    case 'mandate_renewed':
    case 'delegation_code_created':
    case 'delegation_refused':
      return t(`mandates.history.${entry.kind}`, base);
    case 'organization_accredited':
    case 'accreditation_withdrawn':
      return t('mandates.history.accreditation_changed', base);
  }
}

/** The journal of one mandate, oldest first, each revocation with its printable receipt. */
export function History({
  ctx,
  mandate,
  entries,
  services,
}: {
  ctx: PageContext;
  mandate: Mandate;
  entries: readonly JournalEntry[];
  services: ReadonlyMap<string, RelyingService>;
}): SafeHtml {
  const { t } = ctx;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('mandates.history.title')}</h2>
      {entries.length === 0 ? (
        <p>{t('mandates.history.empty')}</p>
      ) : (
        <ol class="history">
          {entries.map((entry) => (
            <li>
              {historySentence(ctx, mandate, entry, services)}
              {entry.kind === 'mandate_renewed' && typeof entry.details.renewed_by === 'string' ? (
                <>
                  {' '}
                  <a href={href(ctx, `/mandates/${entry.details.renewed_by}`)}>{t('mandates.history.renewal_link')}</a>
                </>
              ) : null}
              {REVOCATIONS.has(entry.kind) ? (
                <>
                  {' '}
                  <a href={href(ctx, `/mandates/${mandate.id}/receipt/${entry.seq}`)}>{t('mandates.history.receipt_link')}</a>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
