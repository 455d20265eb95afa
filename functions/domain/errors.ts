/**
 * Errors the domain and use cases throw. Each has a stable `code`; api/http.ts maps codes to
 * HTTP statuses in exactly one place. Anything else becomes a 500 without details.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export type ErrorCode =
  | 'validation_failed'
  | 'malformed_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export const validationFailed = (message: string, details: ErrorDetail[]) =>
  new DomainError('validation_failed', message, details);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, details: ErrorDetail[] = []) => new DomainError('conflict', message, details);
