/**
 * Bringing an open-data file into the directory: the whole file is checked first (format layer,
 * then who owns what), and only a file without a single problem is written, in one transaction.
 */
import type { Actor, DirectoryService, ImportCounts, Offer } from '../directory/index.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { Translate } from '../../platform/i18n/catalog.js';
import { isoNow, type Clock } from '../../shared/clock.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { parseHsds } from './hsds-import.js';
import { parseMednumCsv } from './mednum-csv-import.js';
import { describeIssue } from './issue-text.js';
import type { CsvIssue, DirectoryBundle, FileLimits, HsdsIssue, MessageValues } from './opendata.model.js';
import type { OpenDataFormat } from './export.service.js';

/** Problems with where a file's entries would land, rather than with the file's content. */
export const SCOPE_PROBLEMS = ['unknown_organization', 'one_organization', 'taken_id'] as const;
export type ScopeProblem = (typeof SCOPE_PROBLEMS)[number];

export interface ScopeIssue {
  readonly scope: ScopeProblem;
  readonly values: MessageValues;
}

export type ImportIssue = CsvIssue | HsdsIssue | ScopeIssue;

export interface ImportProgress {
  /** read: checking the file; check: looking up existing entries; save: writing. */
  readonly stage: 'read' | 'check' | 'save';
  readonly done: number;
  readonly total: number;
}

interface Common {
  readonly bytes: Uint8Array;
  /** The language the file's texts are written in (CSV; HSDS texts without translations). */
  readonly locale?: Locale;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** The upload caps unless given: the command line lifts them for whole-directory files. */
  readonly limits?: FileLimits;
}

/**
 * Into one existing organisation: its own record is left alone, entries of other organisations
 * cannot be touched, and the offers wait for a moderator unless `publish` is set.
 */
interface IntoOrganization {
  readonly organizationId: string;
  readonly publish?: boolean;
  readonly replace?: undefined;
}

/** A whole directory (a backup or another instance's export), records as the file says. */
interface WholeDirectory {
  readonly organizationId?: undefined;
  /** Empty the directory first. */
  readonly replace?: boolean;
}

export type ImportFileInput = Common &
  (({ readonly format: 'csv' } & IntoOrganization) | ({ readonly format: 'hsds' } & (IntoOrganization | WholeDirectory)));

export interface ImportSummary extends ImportCounts {
  /** Offers that wait for a moderator before the public sees them. */
  readonly pendingOffers: number;
}

export interface Importer {
  importFile(input: ImportFileInput): Promise<Result<ImportSummary, readonly ImportIssue[]>>;
}

type Directory = Pick<DirectoryService, 'importDirectory' | 'getOrganization' | 'getLocation' | 'getOffer' | 'getSession'>;

/** Reads who owns an entry, whatever its moderation state; never used to change anything. */
const OWNERSHIP_READER: Actor = { id: 'opendata-import', role: 'admin', organizationIds: [] };
const LOOKUPS_AT_ONCE = 20;
const DEFAULT_LOCALE: Locale = 'fr';

export function createImporter(deps: { directory: Directory; clock: Clock }): Importer {
  const { directory, clock } = deps;

  function parse(input: ImportFileInput): Result<DirectoryBundle, readonly ImportIssue[]> {
    const locale = input.locale ?? DEFAULT_LOCALE;
    const now = isoNow(clock);
    if (input.format === 'csv') {
      return parseMednumCsv(input.bytes, {
        organizationId: input.organizationId,
        locale,
        now,
        moderationStatus: input.publish ? 'approved' : 'pending',
        limits: input.limits,
      });
    }
    return parseHsds(input.bytes, { defaultLocale: locale, now, limits: input.limits });
  }

  /** Entries of this file that already exist under another organisation. */
  async function takenIds(bundle: DirectoryBundle, organizationId: string, report: (done: number) => void): Promise<ScopeIssue[]> {
    const offerOwners = new Map<string, string | null>();
    const ownerOfOffer = async (id: string) => {
      if (!offerOwners.has(id)) offerOwners.set(id, (await directory.getOffer(id, OWNERSHIP_READER))?.organizationId ?? null);
      return offerOwners.get(id) ?? null;
    };
    const lookups: (() => Promise<string | null>)[] = [
      ...bundle.locations.map((l) => async () => (await directory.getLocation(l.id))?.organizationId ?? null),
      ...bundle.offers.map((o) => () => ownerOfOffer(o.id)),
      ...bundle.sessions.map((s) => async () => {
        const existing = await directory.getSession(s.id, OWNERSHIP_READER);
        return existing ? ownerOfOffer(existing.offerId) : null;
      }),
    ];
    const ids = [...bundle.locations, ...bundle.offers, ...bundle.sessions].map((e) => e.id);
    const issues: ScopeIssue[] = [];
    for (let start = 0; start < lookups.length; start += LOOKUPS_AT_ONCE) {
      const owners = await Promise.all(lookups.slice(start, start + LOOKUPS_AT_ONCE).map((lookup) => lookup()));
      owners.forEach((owner, offset) => {
        if (owner !== null && owner !== organizationId) issues.push({ scope: 'taken_id', values: { id: ids[start + offset] ?? '' } });
      });
      report(Math.min(start + LOOKUPS_AT_ONCE, lookups.length));
    }
    return issues;
  }

  /** The file's entries moved into the chosen organisation, under the rules of an upload. */
  async function scoped(
    bundle: DirectoryBundle,
    input: IntoOrganization & Common,
  ): Promise<Result<DirectoryBundle, readonly ImportIssue[]>> {
    const { organizationId } = input;
    if (!(await directory.getOrganization(organizationId, OWNERSHIP_READER))) {
      return fail([{ scope: 'unknown_organization', values: { id: organizationId } }]);
    }
    if (bundle.organizations.length > 1) {
      return fail([{ scope: 'one_organization', values: { count: bundle.organizations.length } }]);
    }
    const total = bundle.locations.length + bundle.offers.length + bundle.sessions.length;
    const taken = await takenIds(bundle, organizationId, (done) => input.onProgress?.({ stage: 'check', done, total }));
    if (taken.length > 0) return fail(taken);
    const status: Offer['moderationStatus'] = input.publish ? 'approved' : 'pending';
    return ok({
      organizations: [],
      locations: bundle.locations.map((l) => ({ ...l, organizationId })),
      offers: bundle.offers.map((o) => ({ ...o, organizationId, moderationStatus: status, moderationReason: null, isDemo: false })),
      sessions: bundle.sessions,
    });
  }

  return {
    async importFile(input) {
      input.onProgress?.({ stage: 'read', done: 0, total: 1 });
      const parsed = parse(input);
      if (!parsed.ok) return parsed;
      input.onProgress?.({ stage: 'read', done: 1, total: 1 });
      const ready = input.organizationId === undefined ? parsed : await scoped(parsed.value, input as IntoOrganization & Common);
      if (!ready.ok) return ready;
      const bundle = ready.value;
      const records = bundle.organizations.length + bundle.locations.length + bundle.offers.length + bundle.sessions.length;
      input.onProgress?.({ stage: 'save', done: 0, total: records });
      const counts = await directory.importDirectory(bundle, { replace: input.replace === true });
      input.onProgress?.({ stage: 'save', done: records, total: records });
      return ok({ ...counts, pendingOffers: bundle.offers.filter((o) => o.moderationStatus === 'pending').length });
    },
  };
}

/** One problem as a sentence in the reader's language, saying where it is. */
export function describeImportIssue(t: Translate, issue: ImportIssue): string {
  return 'scope' in issue ? t(`opendata.upload.scope.${issue.scope}`, issue.values) : describeIssue(t, issue);
}
