/** Types shared by the directory's use cases: who acts, what can go wrong, what a write did. */
import type { Kysely } from 'kysely';
import type { FieldErrors } from '../../platform/http/forms.js';
import type { Role } from '../../platform/auth/roles.js';
import type { Clock } from '../../shared/clock.js';
import type { DirectoryTables } from './directory.tables.js';

/** The signed-in person doing something; a CurrentUser fits. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly organizationIds: readonly string[];
}

export type NotFound = { readonly code: 'not_found' };
export type Forbidden = { readonly code: 'forbidden' };
/** Field name → message key, ready to show beside the form field. */
export type Invalid = { readonly code: 'invalid'; readonly fields: FieldErrors };
export type DirectoryError = NotFound | Forbidden | Invalid;

export const notFound: NotFound = { code: 'not_found' };
export const forbidden: Forbidden = { code: 'forbidden' };
export const invalid = (fields: FieldErrors): Invalid => ({ code: 'invalid', fields });

/**
 * What became of a create or update: published at once (moderator, trusted provider), or
 * waiting for a moderator. For an update of a public entry by an untrusted provider, `value` is
 * still the public version and `changeId` names the proposal in the moderation queue.
 */
export type SaveOutcome<T> =
  | { readonly state: 'published'; readonly value: T }
  | { readonly state: 'awaiting_review'; readonly value: T; readonly changeId: string | null };

export interface DirectoryConfig {
  /** An offer not confirmed for this many days is listed as stale. */
  readonly staleAfterDays: number;
  /** Registrations are personal data: deleted this many days after their session ends. */
  readonly registrationRetentionDays: number;
}

export interface DirectoryDeps {
  readonly db: Kysely<DirectoryTables>;
  readonly clock: Clock;
  /** Whether this provider's edits to the organisation publish without moderation (from accounts). */
  readonly isTrusted: (userId: string, organizationId: string) => Promise<boolean>;
  readonly config: DirectoryConfig;
}

export const isModerator = (actor: Actor): boolean => actor.role === 'moderator' || actor.role === 'admin';

export const canEdit = (actor: Actor, organizationId: string): boolean =>
  isModerator(actor) || actor.organizationIds.includes(organizationId);
