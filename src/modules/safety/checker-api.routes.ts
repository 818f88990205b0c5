/**
 * POST /api/v1/safety/check — the checker for programs (a mail-client button, a chat bot): a JSON
 * body with the text, the mail source or the web address, or a multipart body with a file.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isLocale } from '../../platform/i18n/locales.js';
import type { Translate } from '../../platform/i18n/catalog.js';
import type { CheckInput, InputProblem } from './analysis/analysis.types.js';
import { fileInput, MAX_PASTE_BYTES, sizeProblem, uploadedFile } from './checker.input.js';
import { MAX_INPUT_BYTES } from './checker.model.js';
import { API_KINDS } from './checker.schema.js';
import { limited, MAX_URL_BYTES, type CheckerRouteDeps } from './checker.support.js';

export const CHECK_API_PATH = '/api/v1/safety/check';

const FIELD_OF = { text: 'text', email_source: 'source', url: 'url' } as const;

/** Statuses of what the analysis cannot take: too large is 413, the rest is readable but unusable (422). */
const statusOf = (problem: InputProblem) => (problem === 'too_large' ? 413 : 422);

function apiError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

type Parsed = { ok: true; input: CheckInput } | { ok: false; messageKey: string };

function inputOf(body: unknown): Parsed {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, messageKey: 'safety.api.errors.body' };
  const fields = body as Record<string, unknown>;
  const file = uploadedFile(fields.file);
  if (file) return { ok: true, input: fileInput(file) };
  const kind = API_KINDS.find((k) => k === fields.kind);
  if (!kind) return { ok: false, messageKey: 'safety.api.errors.kind' };
  const value = fields[FIELD_OF[kind]];
  if (typeof value !== 'string') return { ok: false, messageKey: `safety.api.errors.field_${FIELD_OF[kind]}` };
  if (kind === 'text') return { ok: true, input: { kind, text: value } };
  if (kind === 'email_source') return { ok: true, input: { kind, source: value } };
  return { ok: true, input: { kind, url: value.trim() } };
}

export function registerCheckerApi(app: FastifyInstance, deps: CheckerRouteDeps): void {
  const options = { bodyLimit: MAX_INPUT_BYTES + 64 * 1024, ...limited(deps.anonymousLimiter, 'safety-check') };
  app.post<{ Querystring: { lang?: string } }>(CHECK_API_PATH, options, async (request, reply) => {
    const locale = isLocale(request.query.lang) ? request.query.lang : request.locale;
    const t: Translate = deps.translators[locale].t;
    reply.header('Cache-Control', 'no-store').header('Content-Language', locale);

    const parsed = inputOf(request.body);
    if (!parsed.ok) return apiError(reply, 400, 'bad_request', t(parsed.messageKey));
    const { input } = parsed;
    // Multipart text fields are cut at the paste limit; JSON bodies may carry a whole mail.
    const maxTextBytes = input.kind === 'url' ? MAX_URL_BYTES : request.isMultipart() ? MAX_PASTE_BYTES : MAX_INPUT_BYTES;
    const problem = sizeProblem(input, maxTextBytes);
    if (problem) return apiError(reply, statusOf(problem), problem, t(`safety.problem.${problem}`));

    const result = await deps.checker.check(input);
    if (!result.ok) return apiError(reply, statusOf(result.error), result.error, t(`safety.problem.${result.error}`));
    const { analysis } = result.value;
    return {
      lang: locale,
      verdict: analysis.verdict,
      reasons: analysis.reasons.map((r) => ({ rule: r.rule, weight: r.weight, params: r.params, message: t(`safety.reason.${r.rule}`, { ...r.params }) })),
      summary: analysis.summary,
    };
  });
}
