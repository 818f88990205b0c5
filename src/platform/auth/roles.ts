import { AppError } from '../http/app-error.js';

export const ROLES = ['provider', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface CurrentUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** Organisations this user may edit as a provider. */
  readonly organizationIds: readonly string[];
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

export function requireUser(user: CurrentUser | null): CurrentUser {
  if (!user) throw new AppError('sign_in_required', 401);
  return user;
}

export function requireModerator(user: CurrentUser | null): CurrentUser {
  const signedIn = requireUser(user);
  if (!canModerate(signedIn)) throw new AppError('forbidden', 403);
  return signedIn;
}
