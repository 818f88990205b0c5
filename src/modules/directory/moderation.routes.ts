import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import { validateForm } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { requireModerator, type CurrentUser } from '../../platform/auth/roles.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { Clock } from '../../shared/clock.js';
import type { Offer } from './directory.model.js';
import type { DirectoryService } from './directory.service.js';
import type { ModerationError, ModerationItem, ModerationTarget } from './moderation.service.js';
import { ReasonForm } from './provider.schema.js';
import { diffEntries } from './views/moderation/diff.js';
import { isModerationNotice, itemTarget, QueuePage, type ReportRow } from './views/moderation/queue-page.js';
import { ReviewPage } from './views/moderation/review-page.js';

export interface ModerationRouteDeps {
  readonly directory: DirectoryService;
  readonly publicUrl: string;
  readonly clock: Clock;
}

type Item = { Params: { locale: string; kind: string; id: string } };
const KINDS: readonly ModerationTarget['kind'][] = ['organization', 'offer', 'change'];

function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

export function registerModerationRoutes(app: FastifyInstance, deps: ModerationRouteDeps): void {
  const { directory, publicUrl, clock } = deps;

  function moderator(request: FastifyRequest): { user: CurrentUser; ctx: PageContext } {
    return { user: requireModerator(request.user), ctx: pageContext(request, publicUrl) };
  }

  async function findItem(user: CurrentUser, kind: string, id: string): Promise<ModerationItem> {
    if (!(KINDS as readonly string[]).includes(kind)) throw notFound();
    const queue = await directory.listModerationQueue(user);
    if (!queue.ok) throw forbidden();
    const item = queue.value.find((i) => {
      const target = itemTarget(i);
      return target.kind === kind && target.id === id;
    });
    if (!item) throw notFound();
    return item;
  }

  async function reviewPage(ctx: PageContext, item: ModerationItem, form: FormState): Promise<SafeHtml> {
    const locations = await directory.listLocations(item.organization.id);
    const places = new Map(locations.map((l) => [l.id, l.address ? `${l.name} – ${l.address}` : l.name]));
    const rows =
      item.kind === 'organization'
        ? diffEntries(ctx, 'organization', null, item.organization, places)
        : item.kind === 'offer'
          ? diffEntries(ctx, 'offer', null, item.offer, places)
          : diffEntries(ctx, item.change.entityType, item.current, item.change.proposed as object, places);
    return ReviewPage({ ctx, item, rows, form });
  }

  function afterDecision(reply: FastifyReply, ctx: PageContext, notice: string) {
    return reply.redirect(`/${ctx.locale}/moderation?done=${notice}`, 303);
  }

  function decisionFailed(error: ModerationError): never {
    throw error.code === 'forbidden' ? forbidden() : notFound();
  }

  // GET /:locale/moderation — the queue, open public reports, and offers nobody has checked lately
  app.get<{ Params: { locale: string }; Querystring: { done?: string } }>('/:locale/moderation', async (request, reply) => {
    const { user, ctx } = moderator(request);
    const [queue, reports, stale] = await Promise.all([
      directory.listModerationQueue(user),
      directory.listOpenReports(user),
      directory.listStale(clock.now()),
    ]);
    if (!queue.ok) throw forbidden();
    const offers = new Map<string, Offer>();
    for (const id of new Set(reports.map((r) => r.offerId))) {
      const offer = await directory.getOffer(id, user);
      if (offer) offers.set(id, offer);
    }
    const reportRows: ReportRow[] = reports.flatMap((report) => {
      const offer = offers.get(report.offerId);
      return offer ? [{ report, offer }] : [];
    });
    const staleRows = await Promise.all(
      stale.map(async (offer) => ({ offer, organization: await directory.getOrganization(offer.organizationId, user) })),
    );
    const notice = isModerationNotice(request.query.done) ? request.query.done : null;
    return send(reply, QueuePage({ ctx, items: queue.value, stale: staleRows, reports: reportRows, notice }));
  });

  // GET /:locale/moderation/:kind/:id — one new entry or proposed change, with its differences
  app.get<Item>('/:locale/moderation/:kind/:id', async (request, reply) => {
    const { user, ctx } = moderator(request);
    const item = await findItem(user, request.params.kind, request.params.id);
    return send(reply, await reviewPage(ctx, item, emptyForm(ctx.t)));
  });

  // POST /:locale/moderation/:kind/:id/approve
  app.post<Item>('/:locale/moderation/:kind/:id/approve', async (request, reply) => {
    const { user, ctx } = moderator(request);
    const item = await findItemOrDecided(user, request.params.kind, request.params.id);
    if (!item) return afterDecision(reply, ctx, 'already_decided');
    const result = await directory.approve(user, itemTarget(item));
    if (!result.ok) {
      if (result.error.code === 'already_decided') return afterDecision(reply, ctx, 'already_decided');
      if (result.error.code === 'invalid') {
        // The proposal no longer fits (a place was removed, a code retired): say so beside the decision.
        const form = { t: ctx.t, values: {}, errors: { reason: { key: 'directory.moderation.errors.outdated' } } };
        return send(reply, await reviewPage(ctx, item, form), 422);
      }
      decisionFailed(result.error);
    }
    return afterDecision(reply, ctx, 'approved');
  });

  // POST /:locale/moderation/:kind/:id/reject — the reason is required and shown to the provider
  app.post<Item>('/:locale/moderation/:kind/:id/reject', async (request, reply) => {
    const { user, ctx } = moderator(request);
    const item = await findItemOrDecided(user, request.params.kind, request.params.id);
    if (!item) return afterDecision(reply, ctx, 'already_decided');
    const parsed = validateForm(ReasonForm, request.body as FormBody);
    if (!parsed.ok) return send(reply, await reviewPage(ctx, item, { t: ctx.t, values: parsed.values, errors: parsed.errors }), 422);
    const result = await directory.reject(user, itemTarget(item), parsed.value.reason);
    if (!result.ok) {
      if (result.error.code === 'already_decided') return afterDecision(reply, ctx, 'already_decided');
      if (result.error.code === 'invalid') {
        const form = { t: ctx.t, values: { reason: parsed.value.reason }, errors: result.error.fields };
        return send(reply, await reviewPage(ctx, item, form), 422);
      }
      decisionFailed(result.error);
    }
    return afterDecision(reply, ctx, 'rejected');
  });

  // POST /:locale/moderation/reports/:id/resolve
  app.post<{ Params: { locale: string; id: string } }>('/:locale/moderation/reports/:id/resolve', async (request, reply) => {
    const { user, ctx } = moderator(request);
    const result = await directory.resolveReport(user, request.params.id);
    if (!result.ok) decisionFailed(result.error);
    return afterDecision(reply, ctx, 'resolved');
  });

  /** Someone else may have decided while this moderator was reading: that is not an error. */
  async function findItemOrDecided(user: CurrentUser, kind: string, id: string): Promise<ModerationItem | null> {
    try {
      return await findItem(user, kind, id);
    } catch (error) {
      if ((error as { code?: string }).code === 'not_found') return null;
      throw error;
    }
  }
}
