import { Type } from '@sinclair/typebox';

/** The `auth` member of user-interactive requests: each stage reads its own fields, so any others pass. */
export const AuthDict = Type.Object({
  type: Type.Optional(Type.String()),
  session: Type.Optional(Type.String()),
});
