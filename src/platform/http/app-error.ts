/**
 * The one error type for the unexpected and the refused: a stable code for APIs and logs, the
 * HTTP status, and the message key shown to the person in their language.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: string = `errors.${code}`,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError('not_found', 404);
export const forbidden = () => new AppError('forbidden', 403);
export const badRequest = (code = 'bad_request') => new AppError(code, 400);
