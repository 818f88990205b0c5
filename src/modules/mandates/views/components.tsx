import { h, type Child, type SafeHtml } from '../../../platform/views/jsx.js';
import { href, type PageContext } from '../../../platform/http/context.js';
import type { Mandate, MandateAgent, MandateScope, MandateStatus } from '../mandates.model.js';
import { formatDate, formatTime } from './format.js';

/** A person by name; an organisation by name and what it is, so nobody mistakes it for a person. */
export function agentName(ctx: PageContext, agent: MandateAgent): string {
  return agent.kind === 'person' ? agent.displayName : ctx.t('mandates.parties.organization_agent', { name: agent.name });
}

/** Where a mandate stands, in words (never colour alone). */
export function StatusTag({ ctx, status }: { ctx: PageContext; status: MandateStatus }): SafeHtml {
  return <span class={`tag tag--mandate-${status}`}>{ctx.t(`mandates.status.${status}`)}</span>;
}

export function period(ctx: PageContext, startsAt: string, endsAt: string): string {
  return ctx.t('mandates.parties.period_value', { start: formatDate(startsAt, ctx.locale), end: formatDate(endsAt, ctx.locale) });
}

export function dateAndTime(ctx: PageContext, iso: string): { date: string; time: string } {
  return { date: formatDate(iso, ctx.locale), time: formatTime(iso, ctx.locale) };
}

/** The areas with what may be done in each; an ended area says since when. */
export function ScopeList({ ctx, scopes }: { ctx: PageContext; scopes: readonly MandateScope[] }): SafeHtml {
  const { t } = ctx;
  return (
    <ul class="scope-list">
      {scopes.map((scope) => (
        <li class={scope.revokedAt ? 'scope scope--revoked' : 'scope'}>
          <strong>{t(`mandates.category.${scope.category}`)}</strong>
          {': '}
          {scope.actions.map((a) => t(`mandates.action.${a}`)).join(', ')}
          {scope.revokedAt ? <span class="meta"> – {t('mandates.parties.area_ended', { date: formatDate(scope.revokedAt, ctx.locale) })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Who gives the mandate, who may act, for how long and for what: the same on every page. */
export function MandateFacts({
  ctx,
  principalName,
  agent,
  status,
  startsAt,
  endsAt,
  scopes,
}: {
  ctx: PageContext;
  principalName: string;
  agent: MandateAgent;
  status: MandateStatus;
  startsAt: string;
  endsAt: string;
  scopes: readonly MandateScope[];
}): SafeHtml {
  const { t } = ctx;
  return (
    <dl class="summary-list">
      <div>
        <dt>{t('mandates.parties.principal')}</dt>
        <dd>{principalName}</dd>
      </div>
      <div>
        <dt>{t('mandates.parties.agent')}</dt>
        <dd>{agentName(ctx, agent)}</dd>
      </div>
      <div>
        <dt>{t('mandates.parties.status')}</dt>
        <dd>
          <StatusTag ctx={ctx} status={status} />
        </dd>
      </div>
      <div>
        <dt>{t('mandates.parties.period')}</dt>
        <dd>{period(ctx, startsAt, endsAt)}</dd>
      </div>
      <div>
        <dt>{t('mandates.parties.areas')}</dt>
        <dd>
          <ScopeList ctx={ctx} scopes={scopes} />
        </dd>
      </div>
    </dl>
  );
}

export function mandateFacts(mandate: Mandate) {
  return {
    principalName: mandate.principal.displayName,
    agent: mandate.agent,
    status: mandate.status,
    startsAt: mandate.startsAt,
    endsAt: mandate.endsAt,
    scopes: mandate.scopes,
  };
}

export function Notice({ kind, children }: { kind: 'success' | 'error' | 'warning' | 'info'; children?: Child }): SafeHtml {
  const role = kind === 'error' ? 'alert' : 'status';
  return (
    <div class={kind === 'info' ? 'notice' : `notice notice--${kind}`} role={role}>
      <p>{children}</p>
    </div>
  );
}

export function BackLink({ ctx, to, label }: { ctx: PageContext; to: string; label: string }): SafeHtml {
  return (
    <p class="no-print">
      <a href={href(ctx, to)}>{label}</a>
    </p>
  );
}
