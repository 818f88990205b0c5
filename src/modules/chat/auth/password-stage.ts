import type { Kysely } from 'kysely';
import type { ChatTables } from '../chat.tables.js';
import { verifyPassword } from '../../../platform/auth/password.js';
import { forbidden } from '../matrix-error.js';
import type { StageCheck } from './user-interactive.js';
import { isRecord } from './user-interactive.js';
import { findPasswordHash } from './password.store.js';

/**
 * The m.login.password stage for an operation on `userId`'s own account: the identifier must
 * name that user (or be absent) and the password must match.
 */
export function passwordStage(db: Kysely<ChatTables>, userId: string): StageCheck {
  return async (auth) => {
    const identifier = isRecord(auth.identifier) ? auth.identifier : undefined;
    const named = typeof identifier?.user === 'string' ? identifier.user : typeof auth.user === 'string' ? auth.user : undefined;
    if (named !== undefined && named !== userId && named !== userId.slice(1).split(':')[0]) throw forbidden('Invalid password');
    const password = typeof auth.password === 'string' ? auth.password : '';
    const hash = await findPasswordHash(db, userId);
    if (!hash || !(await verifyPassword(hash, password))) throw forbidden('Invalid password');
  };
}
