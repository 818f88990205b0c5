import { MIN_PASSWORD_LENGTH } from '../../../platform/auth/password.js';
import { MatrixError } from '../matrix-error.js';

/** argon2 hashes anything, but a megabyte "password" is only a way to burn our CPU. */
const MAX_PASSWORD_LENGTH = 1024;

/** The platform's password rule, answered in Matrix terms. */
export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new MatrixError(400, 'M_WEAK_PASSWORD', `Passwords must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new MatrixError(400, 'M_WEAK_PASSWORD', `Passwords may have at most ${MAX_PASSWORD_LENGTH} characters`);
  }
}
