import { Type } from '@sinclair/typebox';

export const LoginForm = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: 1000 }),
  next: Type.Optional(Type.String({ maxLength: 500 })),
});
