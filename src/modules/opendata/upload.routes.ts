/**
 * Uploading an open-data file from the provider area: providers for their own organisations,
 * moderators for any. The whole file is checked first; nothing is imported if anything is wrong.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, type PageContext } from '../../platform/http/context.js';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import { validateForm, type FieldErrors, type FormValues } from '../../platform/http/forms.js';
import { canEditOrganization, canModerate, requireUser, type CurrentUser } from '../../platform/auth/roles.js';
import { isLocale, LOCALES } from '../../platform/i18n/locales.js';
import { emptyForm, type Option } from '../../platform/views/form-components.js';
import { renderDocument, type SafeHtml } from '../../platform/views/jsx.js';
import type { DirectoryService, Organization } from '../directory/index.js';
import { describeImportIssue, type Importer } from './import.service.js';
import { LIMITS } from './opendata.model.js';
import { ImportDonePage } from './views/import-done-page.js';
import { UploadPage } from './views/upload-page.js';

export interface UploadDeps {
  readonly directory: DirectoryService;
  readonly importer: Importer;
  readonly publicUrl: string;
}

/** What the multipart parser keeps of the uploaded file. */
interface UploadedFile {
  readonly bytes: Buffer;
  /** Larger than the limit: only the beginning was kept. */
  readonly truncated: boolean;
}

const UploadForm = Type.Object({
  organization: Type.String({ minLength: 1, maxLength: 100 }),
  format: Type.Union([Type.Literal('csv'), Type.Literal('hsds')]),
  language: Type.Union(LOCALES.map((l) => Type.Literal(l))),
});

type Localized = { Params: { locale: string } };

function send(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page));
}

async function keepFile(part: MultipartFile): Promise<void> {
  const bytes = await part.toBuffer();
  // With 'keyValues', the body holds a part's `value`: the bytes and whether they were cut short.
  (part as unknown as { value: UploadedFile }).value = { bytes, truncated: part.file.truncated };
}

export async function registerUploadRoutes(app: FastifyInstance, deps: UploadDeps): Promise<void> {
  const { directory, importer, publicUrl } = deps;

  // Only this scope parses multipart bodies. Fields are attached as plain values, so the platform's
  // CSRF check (preHandler) finds `_csrf` in the body as in any other form.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile: keepFile,
    throwFileSizeLimit: false,
    limits: { fileSize: LIMITS.fileBytes + 1, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
  });

  function context(request: FastifyRequest<Localized>): { ctx: PageContext; user: CurrentUser } {
    if (!isLocale(request.params.locale)) throw notFound();
    const user = requireUser(request.user);
    return { ctx: pageContext(request, publicUrl), user };
  }

  async function organizationsOf(user: CurrentUser): Promise<Organization[]> {
    if (canModerate(user)) return directory.listOrganizations();
    const found = await Promise.all(user.organizationIds.map((id) => directory.getOrganization(id, user)));
    return found.filter((o): o is Organization => o !== null);
  }

  const options = (organizations: readonly Organization[]): Option[] => organizations.map((o) => ({ value: o.id, label: o.name }));

  // GET /:locale/provider/import — the upload form.
  app.get('/:locale/provider/import', async (request: FastifyRequest<Localized>, reply) => {
    const { ctx, user } = context(request);
    const organizations = await organizationsOf(user);
    const form = emptyForm(ctx.t, { format: 'csv', language: ctx.locale, organization: organizations.length === 1 ? organizations[0]!.id : '' });
    return send(reply, UploadPage({ ctx, form, organizations: options(organizations), problems: [] }));
  });

  // POST /:locale/provider/import — check the file, then import it or list every problem.
  app.post('/:locale/provider/import', async (request: FastifyRequest<Localized>, reply) => {
    const { ctx, user } = context(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const fields = { organization: text('organization'), format: text('format'), language: text('language') };
    const file = typeof body.file === 'object' && body.file !== null && 'bytes' in body.file ? (body.file as UploadedFile) : null;

    const parsed = validateForm(UploadForm, fields);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (!file || file.bytes.length === 0) errors.file = { key: 'opendata.upload.errors.no_file' };
    else if (file.truncated) errors.file = { key: 'opendata.errors.file_too_large', values: { max: LIMITS.fileBytes / 1024 / 1024 } };

    const organizations = await organizationsOf(user);
    const values: FormValues = fields;
    const page = (fieldErrors: FieldErrors, problems: readonly string[]) =>
      send(reply, UploadPage({ ctx, form: { t: ctx.t, values, errors: fieldErrors }, organizations: options(organizations), problems }), 422);

    if (!parsed.ok || !file || errors.file) return page(errors, []);
    const { organization: organizationId, format, language } = parsed.value;
    if (!canEditOrganization(user, organizationId)) throw forbidden();

    const result = await importer.importFile({
      format,
      bytes: file.bytes,
      organizationId,
      locale: language,
      publish: canModerate(user),
    });
    if (!result.ok) {
      const problems = result.error.map((issue) => describeImportIssue(ctx.t, issue));
      return page({ file: { key: 'opendata.upload.errors.file_has_problems', values: { count: problems.length } } }, problems);
    }
    const organizationName = organizations.find((o) => o.id === organizationId)?.name ?? organizationId;
    return send(reply, ImportDonePage({ ctx, summary: result.value, organizationName }));
  });
}
