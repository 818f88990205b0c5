/** The public tells us an offer is closed or wrong; its provider and the moderators follow up. */
import { newId } from '../../shared/ids.js';
import { isoNow } from '../../shared/clock.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { checkReport, type ReportInput } from './directory.inputs.js';
import type { OfferReport } from './directory.model.js';
import { toReport } from './directory.rows.js';
import * as store from './directory.store.js';
import {
  canEdit,
  forbidden,
  invalid,
  isModerator,
  notFound,
  type Actor,
  type DirectoryDeps,
  type Forbidden,
  type Invalid,
  type NotFound,
} from './directory.types.js';

export interface ReportsService {
  /** Anyone, without an account, on a public offer. */
  reportOffer(offerId: string, input: ReportInput): Promise<Result<OfferReport, NotFound | Invalid>>;
  /** Moderators see every unresolved report; providers those on their organisations' offers. */
  listOpenReports(actor: Actor, options?: { organizationId?: string }): Promise<OfferReport[]>;
  resolveReport(actor: Actor, reportId: string): Promise<Result<OfferReport, NotFound | Forbidden>>;
}

export function createReportsService({ db, clock }: DirectoryDeps): ReportsService {
  return {
    async reportOffer(offerId, input) {
      const checked = checkReport(input);
      if (!checked.ok) return fail(invalid(checked.fields));
      if (!(await store.isPublicOffer(db, offerId))) return fail(notFound);
      const row = {
        id: newId(),
        offer_id: offerId,
        ...checked.value,
        resolved: 0,
        resolved_by: null,
        resolved_at: null,
        created_at: isoNow(clock),
      };
      await store.insertReport(db, row);
      return ok(toReport(row));
    },

    async listOpenReports(actor, options = {}) {
      const scope = isModerator(actor) ? undefined : actor.organizationIds;
      const wanted = options.organizationId;
      const organizations = wanted ? (canEdit(actor, wanted) ? [wanted] : []) : scope;
      return (await store.listOpenReports(db, organizations)).map(toReport);
    },

    async resolveReport(actor, reportId) {
      const row = await store.findReport(db, reportId);
      const offer = row ? await store.findOffer(db, row.offer_id) : undefined;
      if (!row || !offer) return fail(notFound);
      if (!canEdit(actor, offer.organization_id)) return fail(forbidden);
      const now = isoNow(clock);
      if (row.resolved === 0) await store.resolveReport(db, reportId, actor.id, now);
      return ok(toReport({ ...row, resolved: 1, resolved_by: row.resolved_by ?? actor.id, resolved_at: row.resolved_at ?? now }));
    },
  };
}
