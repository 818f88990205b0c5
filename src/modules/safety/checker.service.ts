import type { Kysely } from 'kysely';
import { canModerate, type CurrentUser } from '../../platform/auth/roles.js';
import { isLocale } from '../../platform/i18n/locales.js';
import { parseJsonList } from '../../platform/db/columns.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { analyzeMessage } from './analysis/analyze.js';
import type { Brand, CheckInput, InputProblem, Reason, Verdict } from './analysis/analysis.types.js';
import { defaultBrands } from './analysis/brands.js';
import { brandIdOf, checkedBrands, validateBrand } from './checker.brands.js';
import {
  REPORT_TOKEN_HOURS,
  TREND_DAYS,
  VERDICTS,
  type BrandInput,
  type BrandProblems,
  type CheckOutcome,
  type ModerationRefusal,
  type ReportQueue,
  type ReportRefusal,
  type ReportedMessage,
  type Trends,
  type Warning,
  type WarningInput,
} from './checker.model.js';
import * as store from './checker.store.js';
import type { CheckerTables, SafetyBrandsTable, SafetyReportsTable, SafetyWarningsTable } from './checker.tables.js';
import { createReportSigner, nonceDigest } from './checker.token.js';

export interface CheckerDeps {
  readonly db: Kysely<CheckerTables>;
  readonly clock: Clock;
  /** The key of report tokens is derived from it. */
  readonly sessionSecret: string;
  /** The list seeded into an empty brand table; data/brands.json unless a test says otherwise. */
  readonly defaultBrands?: readonly Brand[];
}

export interface CheckerService {
  /** Seeds the brand list from the default list when it is empty. */
  start(): Promise<void>;
  /** Analyses a message with the current brand list; nothing is stored. */
  check(input: CheckInput): Promise<Result<CheckOutcome, InputProblem>>;
  /** Stores the result a report token carries; `already_reported` when that page was sent before. */
  report(token: string): Promise<Result<'reported' | 'already_reported', ReportRefusal>>;
  reportQueue(user: CurrentUser, limit?: number): Promise<Result<ReportQueue, 'forbidden'>>;
  markReportHandled(user: CurrentUser, id: string): Promise<Result<void, ModerationRefusal>>;
  trends(user: CurrentUser): Promise<Result<Trends, 'forbidden'>>;
  publishedWarnings(): Promise<Warning[]>;
  warnings(user: CurrentUser): Promise<Result<Warning[], 'forbidden'>>;
  /** A new warning is on show at once. */
  publishWarning(user: CurrentUser, input: WarningInput): Promise<Result<Warning, 'forbidden'>>;
  setWarningShown(user: CurrentUser, id: string, shown: boolean): Promise<Result<void, ModerationRefusal>>;
  deleteWarning(user: CurrentUser, id: string): Promise<Result<void, ModerationRefusal>>;
  brands(): Promise<Brand[]>;
  brand(id: string): Promise<Brand | null>;
  addBrand(user: CurrentUser, input: BrandInput): Promise<Result<Brand, 'forbidden' | BrandProblems>>;
  updateBrand(user: CurrentUser, id: string, input: BrandInput): Promise<Result<Brand, ModerationRefusal | BrandProblems>>;
  deleteBrand(user: CurrentUser, id: string): Promise<Result<void, ModerationRefusal>>;
}

const HOUR_MS = 3_600_000;

const brandOf = (row: SafetyBrandsTable): Brand => ({
  id: row.id,
  name: row.name,
  domains: parseJsonList(row.domains),
  phones: parseJsonList(row.phones),
  keywords: parseJsonList(row.keywords),
});

const brandRow = (brand: Brand, at: string, by: string | null): SafetyBrandsTable => ({
  id: brand.id,
  name: brand.name,
  domains: JSON.stringify(brand.domains),
  phones: JSON.stringify(brand.phones),
  keywords: JSON.stringify(brand.keywords),
  updated_at: at,
  updated_by: by,
});

function reportOf(row: SafetyReportsTable): ReportedMessage {
  return {
    id: row.id,
    redactedText: row.redacted_text,
    verdict: row.verdict as Verdict,
    reasons: JSON.parse(row.reasons) as Reason[],
    imitatedBrands: parseJsonList(row.imitated_brands),
    inputKind: row.input_kind as CheckInput['kind'],
    reportedAt: row.reported_at,
  };
}

function warningOf(row: SafetyWarningsTable): Warning {
  return {
    id: row.id,
    lang: isLocale(row.lang) ? row.lang : 'en',
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    published: row.published_at !== null && row.unpublished_at === null,
  };
}

export function createCheckerService(deps: CheckerDeps): CheckerService {
  const { db, clock } = deps;
  const signer = createReportSigner(deps.sessionSecret);
  const now = () => clock.now().toISOString();

  /** Two entries with one name would make trends and reports ambiguous. */
  const nameTaken = async (brand: Brand) =>
    (await store.allBrands(db)).some((other) => other.id !== brand.id && other.name.toLowerCase() === brand.name.toLowerCase());

  const service: CheckerService = {
    async start() {
      if ((await store.countBrands(db)) > 0) return;
      const at = now();
      const defaults = checkedBrands(deps.defaultBrands ?? defaultBrands);
      await store.insertBrands(db, defaults.map((brand) => brandRow(brand, at, null)));
    },

    async check(input) {
      const analysed = await analyzeMessage(input, await service.brands());
      if (!analysed.ok) return analysed;
      const analysis = analysed.value;
      const reportToken = signer.sign(
        {
          redacted: analysis.redacted,
          verdict: analysis.verdict,
          reasons: analysis.reasons,
          imitatedBrands: analysis.imitatedBrands,
          inputKind: analysis.inputKind,
        },
        clock.now(),
      );
      return ok({ analysis, reportToken });
    },

    async report(token) {
      const payload = signer.verify(token);
      if (!payload) return fail('invalid');
      const age = clock.now().getTime() - Date.parse(payload.issuedAt);
      if (age > REPORT_TOKEN_HOURS * HOUR_MS || age < -HOUR_MS) return fail('expired');
      const stored = await store.insertReport(
        db,
        {
          id: newId(),
          token_digest: nonceDigest(payload.nonce),
          redacted_text: payload.redacted,
          verdict: payload.verdict,
          reasons: JSON.stringify(payload.reasons.map(({ rule, weight, params }) => ({ rule, weight, params }))),
          imitated_brands: JSON.stringify(payload.imitatedBrands),
          input_kind: payload.inputKind,
          reported_at: now(),
          handled_at: null,
          handled_by: null,
        },
        [...new Set(payload.imitatedBrands)],
      );
      return ok(stored ? 'reported' : 'already_reported');
    },

    async reportQueue(user, limit = 50) {
      if (!canModerate(user)) return fail('forbidden');
      const [rows, openCount] = await Promise.all([store.openReports(db, limit), store.countOpenReports(db)]);
      return ok({ reports: rows.map(reportOf), openCount });
    },

    async markReportHandled(user, id) {
      if (!canModerate(user)) return fail('forbidden');
      return (await store.markReportHandled(db, id, now(), user.id)) ? ok(undefined) : fail('not_found');
    },

    async trends(user) {
      if (!canModerate(user)) return fail('forbidden');
      const since = new Date(clock.now().getTime() - TREND_DAYS * 24 * HOUR_MS).toISOString();
      const [brandCounts, verdictCounts, brands] = await Promise.all([
        store.brandCountsSince(db, since),
        store.verdictCountsSince(db, since),
        service.brands(),
      ]);
      const names = new Map(brands.map((b) => [b.id, b.name]));
      const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, verdictCounts.find((c) => c.verdict === v)?.count ?? 0])) as Record<Verdict, number>;
      return ok({
        since,
        brands: brandCounts
          .map((c) => ({ id: c.brandId, name: names.get(c.brandId) ?? c.brandId, count: c.count }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
        verdicts,
        total: verdictCounts.reduce((sum, c) => sum + c.count, 0),
      });
    },

    publishedWarnings: async () => (await store.publishedWarnings(db)).map(warningOf),

    async warnings(user) {
      if (!canModerate(user)) return fail('forbidden');
      return ok((await store.allWarnings(db)).map(warningOf));
    },

    async publishWarning(user, input) {
      if (!canModerate(user)) return fail('forbidden');
      const at = now();
      const row: SafetyWarningsTable = {
        id: newId(),
        lang: input.lang,
        title: input.title.trim(),
        body: input.body.trim(),
        created_by: user.id,
        created_at: at,
        published_at: at,
        unpublished_at: null,
      };
      await store.insertWarning(db, row);
      return ok(warningOf(row));
    },

    async setWarningShown(user, id, shown) {
      if (!canModerate(user)) return fail('forbidden');
      const at = now();
      // Publishing again starts a new period on show; taking it down keeps when it was last published.
      const changes = shown ? { published_at: at, unpublished_at: null } : { unpublished_at: at };
      return (await store.updateWarning(db, id, changes)) ? ok(undefined) : fail('not_found');
    },

    async deleteWarning(user, id) {
      if (!canModerate(user)) return fail('forbidden');
      return (await store.deleteWarning(db, id)) ? ok(undefined) : fail('not_found');
    },

    brands: async () => (await store.allBrands(db)).map(brandOf),

    async brand(id) {
      const row = await store.findBrand(db, id);
      return row ? brandOf(row) : null;
    },

    async addBrand(user, input) {
      if (!canModerate(user)) return fail('forbidden');
      const checked = validateBrand(input);
      if (!checked.ok) return checked;
      const brand: Brand = { id: brandIdOf(checked.value.name), ...checked.value };
      if (await nameTaken(brand)) return fail({ name: { problem: 'name_taken', value: brand.name } });
      const added = await store.insertBrands(db, [brandRow(brand, now(), user.id)]);
      return added === 1 ? ok(brand) : fail({ name: { problem: 'name_taken', value: brand.name } });
    },

    async updateBrand(user, id, input) {
      if (!canModerate(user)) return fail('forbidden');
      const checked = validateBrand(input);
      if (!checked.ok) return checked;
      const brand: Brand = { id, ...checked.value };
      if (await nameTaken(brand)) return fail({ name: { problem: 'name_taken', value: brand.name } });
      return (await store.updateBrand(db, brandRow(brand, now(), user.id))) ? ok(brand) : fail('not_found');
    },

    async deleteBrand(user, id) {
      if (!canModerate(user)) return fail('forbidden');
      return (await store.deleteBrand(db, id)) ? ok(undefined) : fail('not_found');
    },
  };
  return service;
}
