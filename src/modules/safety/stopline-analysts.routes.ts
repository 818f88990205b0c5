import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireUser, type CurrentUser } from '../../platform/auth/roles.js';
import { badRequest, forbidden, notFound } from '../../platform/http/app-error.js';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import type { FieldErrors } from '../../platform/http/forms.js';
import type { FormBody } from '../../platform/http/urlencoded.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import {
  canAnalyse,
  isReportCategory,
  isReportStatus,
  LIMITS,
  type ExportFormat,
  type QueueFilter,
  type StatusFilter,
} from './stopline.model.js';
import { fieldValues, sendPage, type StoplineRouteDeps } from './stopline.support.js';
import { StoplineDetailPage, type DetailNotice } from './views/stopline-detail-page.js';
import { StoplineJournalPage } from './views/stopline-journal-page.js';
import { StoplineQueuePage, type QueueNotice } from './views/stopline-queue-page.js';

type FilterQuery = { status?: string; category?: string; same?: string; page?: string };

/** Ids are ours (newId): anything longer or with other characters cannot name a report. */
const reportIdOrNull = (value: string | undefined): string | null => (value && /^[0-9A-Za-z_-]{1,64}$/.test(value) ? value : null);

function filterOf(query: FilterQuery): QueueFilter {
  const status: StatusFilter = query.status === 'all' || isReportStatus(query.status) ? query.status : 'open';
  return { status, category: isReportCategory(query.category) ? query.category : null, sameAs: reportIdOrNull(query.same) };
}

const pageOf = (value: string | undefined): number => (value && /^\d{1,6}$/.test(value) ? Number(value) : 1);

const DETAIL_NOTICES: readonly DetailNotice[] = ['status_changed', 'note_added', 'changed_meanwhile'];

export function registerStoplineAnalystRoutes(app: FastifyInstance, deps: StoplineRouteDeps): void {
  const { stopline, publicUrl } = deps;

  /** Signed out: 401 with a way to sign in; signed in without the role: 403. */
  function analyst(request: FastifyRequest): { user: CurrentUser; ctx: PageContext } {
    const user = requireUser(request.user);
    if (!canAnalyse(user)) throw forbidden();
    return { user, ctx: pageContext(request, publicUrl) };
  }

  async function queuePage(reply: FastifyReply, user: CurrentUser, ctx: PageContext, filter: QueueFilter, page: number, notice: QueueNotice | null = null) {
    const queue = await stopline.queue(user, filter, page);
    if (!queue.ok) throw forbidden();
    return sendPage(reply, StoplineQueuePage({ ctx, filter, queue: queue.value, notice, isAdmin: user.role === 'admin' }), notice ? 422 : 200);
  }

  async function detailPage(reply: FastifyReply, user: CurrentUser, ctx: PageContext, id: string, options: { form?: FormState; notice?: DetailNotice | null; status?: number } = {}) {
    const detail = await stopline.readReport(user, id);
    if (!detail.ok) throw detail.error === 'forbidden' ? forbidden() : notFound();
    const form = options.form ?? emptyForm(ctx.t);
    return sendPage(reply, StoplineDetailPage({ ctx, detail: detail.value, form, notice: options.notice ?? null, isAdmin: user.role === 'admin' }), options.status);
  }

  // GET /:locale/analysts/reports — the queue, oldest waiting report first
  app.get<{ Params: { locale: string }; Querystring: FilterQuery }>('/:locale/analysts/reports', async (request, reply) => {
    const { user, ctx } = analyst(request);
    return queuePage(reply, user, ctx, filterOf(request.query), pageOf(request.query.page));
  });

  // GET /:locale/analysts/reports/journal — admins: who read or exported which report
  app.get<{ Params: { locale: string }; Querystring: { report?: string; page?: string } }>('/:locale/analysts/reports/journal', async (request, reply) => {
    const user = requireUser(request.user);
    const reportId = reportIdOrNull(request.query.report);
    const journal = await stopline.accessJournal(user, { reportId, page: pageOf(request.query.page) });
    if (!journal.ok) throw forbidden();
    return sendPage(reply, StoplineJournalPage({ ctx: pageContext(request, publicUrl), journal: journal.value, reportId }));
  });

  // POST /:locale/analysts/reports/export — the selected or filtered reports as CSV or JSON, journalled
  app.post<{ Params: { locale: string } }>('/:locale/analysts/reports/export', async (request, reply) => {
    const { user, ctx } = analyst(request);
    const body = (request.body ?? {}) as FormBody;
    const { format, scope, status, category, same } = fieldValues(body, ['format', 'scope', 'status', 'category', 'same']);
    if ((format !== 'csv' && format !== 'json') || (scope !== 'selected' && scope !== 'filter')) throw badRequest();
    const filter = filterOf({ status, category, same });
    const ids = body.ids === undefined ? [] : Array.isArray(body.ids) ? body.ids : [body.ids];
    const selection = scope === 'selected' ? { ids: ids.filter((id) => reportIdOrNull(id) !== null) } : { filter };
    const file = await stopline.exportReports(user, selection, format as ExportFormat);
    if (!file.ok) {
      if (file.error === 'forbidden') throw forbidden();
      return queuePage(reply, user, ctx, filter, 1, file.error);
    }
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="${file.value.filename}"`)
      .type(file.value.contentType)
      .send(file.value.body);
  });

  // GET /:locale/analysts/reports/:id — one report in full; each opening is journalled
  app.get<{ Params: { locale: string; id: string }; Querystring: { done?: string } }>('/:locale/analysts/reports/:id', async (request, reply) => {
    const { user, ctx } = analyst(request);
    const notice = DETAIL_NOTICES.find((n) => n === request.query.done) ?? null;
    return detailPage(reply, user, ctx, request.params.id, { notice });
  });

  // POST /:locale/analysts/reports/:id/status — a new status, a note, or both
  app.post<{ Params: { locale: string; id: string } }>('/:locale/analysts/reports/:id/status', async (request, reply) => {
    const { user, ctx } = analyst(request);
    const id = request.params.id;
    const values = fieldValues(request.body, ['status', 'note']);
    const result = await stopline.changeStatus(user, id, { status: values.status ?? '', note: values.note });
    if (result.ok) return reply.redirect(`/${ctx.locale}/analysts/reports/${encodeURIComponent(id)}?done=${result.value}`, 303);
    const failed = (errors: FieldErrors): FormState => ({ t: ctx.t, values, errors });
    switch (result.error) {
      case 'forbidden':
        throw forbidden();
      case 'not_found':
        throw notFound();
      case 'changed_meanwhile':
        return detailPage(reply, user, ctx, id, { notice: 'changed_meanwhile', status: 409 });
      case 'invalid_status':
        return detailPage(reply, user, ctx, id, { form: failed({ status: { key: 'safety.analysts.detail.errors.status' } }), status: 422 });
      case 'unchanged':
        return detailPage(reply, user, ctx, id, { form: failed({ status: { key: 'safety.analysts.detail.errors.unchanged' } }), status: 422 });
      case 'note_too_long':
        return detailPage(reply, user, ctx, id, { form: failed({ note: { key: 'errors.field.too_long', values: { max: LIMITS.note } } }), status: 422 });
    }
  });
}
