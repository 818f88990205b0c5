/**
 * "Is this a scam?": the checker's pages, its JSON API and the moderators' side. One scope parses
 * multipart bodies, for the upload form and the API alike.
 */
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError, badRequest } from '../../platform/http/app-error.js';
import type { PageContext } from '../../platform/http/context.js';
import type { FieldErrors } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/views/form-components.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { CheckInput, InputProblem } from './analysis/analysis.types.js';
import { registerCheckerApi } from './checker-api.routes.js';
import { registerCheckerModeration } from './checker-moderation.routes.js';
import { fileInput, keepFile, MAX_PASTE_BYTES, MULTIPART_LIMITS, pastedInput, sizeProblem, uploadedFile } from './checker.input.js';
import { MAX_INPUT_BYTES } from './checker.model.js';
import { limited, localizedContext, MAX_URL_BYTES, send, text, type CheckerRouteDeps, type Localized } from './checker.support.js';
import { CheckerClickedPage } from './views/checker-clicked-page.js';
import { CHECK_FORMS, CheckerFormPage, type CheckForm } from './views/checker-form-page.js';
import { CheckerResultPage } from './views/checker-result-page.js';

/** The message beside the field of the form that was used. */
function fieldError(form: CheckForm, problem: InputProblem): FieldErrors[string] {
  if (problem === 'empty') return { key: `safety.checker.errors.empty_${form}` };
  if (problem === 'too_large') {
    if (form === 'message') return { key: 'safety.checker.errors.paste_too_large' };
    if (form === 'file') return { key: 'safety.checker.errors.file_too_large', values: { max: MAX_INPUT_BYTES / 1024 / 1024 } };
    return { key: 'safety.problem.not_a_web_address' };
  }
  return { key: `safety.problem.${problem}` };
}

function formInput(form: CheckForm, body: Record<string, unknown>): Result<CheckInput, InputProblem> {
  const checked = (input: CheckInput, maxTextBytes: number) => {
    const problem = sizeProblem(input, maxTextBytes);
    return problem ? fail(problem) : ok(input);
  };
  if (form === 'file') {
    const file = uploadedFile(body.file);
    return file ? checked(fileInput(file), MAX_INPUT_BYTES) : fail('empty');
  }
  if (form === 'url') return checked({ kind: 'url', url: text(body.url).trim() }, MAX_URL_BYTES);
  return checked(pastedInput(text(body.message)), MAX_PASTE_BYTES);
}

export async function registerCheckerRoutes(app: FastifyInstance, deps: CheckerRouteDeps): Promise<void> {
  const { checker, publicUrl } = deps;

  // Fields are attached as plain values, so the platform's CSRF check (preHandler) finds `_csrf` as in any form.
  await app.register(multipart, { attachFieldsToBody: 'keyValues', onFile: keepFile, throwFileSizeLimit: false, limits: MULTIPART_LIMITS });

  // A multipart body that cannot be parsed (cut short, broken boundary) is the sender's problem, not a 500.
  app.setErrorHandler((error: FastifyError, request) => {
    if (!(error instanceof AppError) && !error.statusCode && request.isMultipart()) {
      throw new AppError('bad_request', 400, 'safety.checker.errors.unreadable_upload');
    }
    throw error;
  });

  async function formPage(reply: FastifyReply, ctx: PageContext, form: FormState, status = 200, reported = false) {
    return send(reply, CheckerFormPage({ ctx, form, warnings: await checker.publishedWarnings(), reported }), status);
  }

  // GET /:locale/safety — the checker: paste a message, send a file or type a web address.
  app.get<Localized & { Querystring: { reported?: string } }>('/:locale/safety', async (request, reply) => {
    const ctx = localizedContext(request, publicUrl);
    return formPage(reply, ctx, emptyForm(ctx.t), 200, request.query.reported === '1');
  });

  // POST /:locale/safety/check — the verdict, the reasons and what to do; nothing is stored.
  app.post<Localized>('/:locale/safety/check', limited(deps.anonymousLimiter, 'safety-check'), async (request, reply) => {
    const ctx = localizedContext(request, publicUrl);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = CHECK_FORMS.find((f) => f === body.form);
    if (!form) throw badRequest();
    const input = formInput(form, body);
    const outcome = input.ok ? await checker.check(input.value) : input;
    if (outcome.ok) return send(reply, CheckerResultPage({ ctx, analysis: outcome.value.analysis, reportToken: outcome.value.reportToken }));

    // A text too long to paste is not sent back: the page would be as large as the text.
    const values = { message: outcome.error === 'too_large' && form === 'message' ? '' : text(body.message), url: text(body.url) };
    return formPage(reply, ctx, { t: ctx.t, values, errors: { [form]: fieldError(form, outcome.error) } }, 422);
  });

  // POST /:locale/safety/report — the person chose to send the checked message to the moderators.
  app.post<Localized>('/:locale/safety/report', limited(deps.anonymousLimiter, 'safety-report'), async (request, reply) => {
    const ctx = localizedContext(request, publicUrl);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const result = await checker.report(text(body.report));
    if (!result.ok) throw new AppError('bad_request', 400, `safety.checker.errors.report_${result.error}`);
    return reply.redirect(`/${ctx.locale}/safety?reported=1`, 303);
  });

  // GET /:locale/safety/already-clicked — what to do after clicking, typing a password, giving a code or paying.
  app.get<Localized>('/:locale/safety/already-clicked', async (request, reply) => {
    const ctx = localizedContext(request, publicUrl);
    return send(reply, CheckerClickedPage({ ctx, brands: await checker.brands() }));
  });

  registerCheckerApi(app, deps);
  registerCheckerModeration(app, deps);
}
