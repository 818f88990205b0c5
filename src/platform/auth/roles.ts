import { AppError } from '../http/app-error.js';

/** `person`: a citizen who signed up alone; the others are given out by admins. `analyst`: works the reports of illegal content. */
export const ROLES = ['person', 'provider', 'moderator', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface CurrentUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** Organisations this user may edit as a provider. */
  readonly organizationIds: readonly string[];
  /** The account has a confirmed code app (TOTP). */
  readonly secondFactorEnrolled: boolean;
  /** A code from the app was checked in this very session; always false outside a session. */
  readonly secondFactorVerified: boolean;
  /** The hash of the session token, naming the session without revealing it; null outside a session. */
  readonly sessionId: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Moderators and admins may moderate; admins may also manage accounts. */
export function canModerate(user: CurrentUser | null): boolean {
  return user?.role === 'moderator' || user?.role === 'admin';
}

export function canEditOrganization(user: CurrentUser | null, organizationId: string): boolean {
  return canModerate(user) || (user?.organizationIds.includes(organizationId) ?? false);
}

/** Where "my area" is: citizens manage their mandates, analysts their queue of reports, everyone else the directory. */
export function homePathOf(user: Pick<CurrentUser, 'role'> | null): string {
  if (user?.role === 'analyst') return '/analysts/reports';
  return user?.role === 'person' ? '/mandates' : '/provider';
}

export function requireUser(user: CurrentUser | null): CurrentUser {
  if (!user) throw new AppError('sign_in_required', 401);
  return user;
}

export function requireModerator(user: CurrentUser | null): CurrentUser {
  const signedIn = requireUser(user);
  if (!canModerate(signedIn)) throw new AppError('forbidden', 403);
  return signedIn;
}
