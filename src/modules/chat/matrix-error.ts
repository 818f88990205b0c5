/** A Matrix standard error: `{ errcode, error }` with an HTTP status, plus any extra fields the spec defines. */
export class MatrixError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    // A user-interactive auth challenge that has not failed carries no errcode, only its flows.
    if (this.errcode === '') return { ...this.extra };
    return { errcode: this.errcode, error: this.message, ...this.extra };
  }
}

export const forbidden = (message: string) => new MatrixError(403, 'M_FORBIDDEN', message);
export const badJson = (message: string) => new MatrixError(400, 'M_BAD_JSON', message);
export const notFound = (message: string) => new MatrixError(404, 'M_NOT_FOUND', message);
export const invalidParam = (message: string) => new MatrixError(400, 'M_INVALID_PARAM', message);
export const missingParam = (message: string) => new MatrixError(400, 'M_MISSING_PARAM', message);
export const unrecognized = (message = 'Unrecognized request') => new MatrixError(404, 'M_UNRECOGNIZED', message);
