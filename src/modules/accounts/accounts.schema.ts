import { Type } from '@sinclair/typebox';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';

const Next = Type.Optional(Type.String({ maxLength: 500 }));

export const LoginForm = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: 1000 }),
  next: Next,
});

export const RegisterForm = Type.Object({
  displayName: Type.String({ maxLength: 100 }),
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 }),
  passwordRepeat: Type.String({ maxLength: 1000 }),
  next: Next,
});

export const SecondFactorForm = Type.Object({
  code: Type.String({ maxLength: 20 }),
  next: Next,
});
