import { STATUS_CODES } from 'node:http';
import { HttpError, ValidationError, errorStatus } from '../errors.js';
import { negotiateType } from './negotiate.js';

/** An error turned into a response. */
export interface ErrorResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * The response for an error: its status (500 unless it is an HttpError/CoreError), a JSON body
 * unless Accept prefers text. Messages of 5xx errors are hidden unless the error says otherwise.
 */
export function renderError(err: unknown, accept: string | null | undefined): ErrorResponse {
  if (err instanceof ValidationError) {
    return {
      status: 400,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ error: 'validation', message: err.message, details: err.details }),
    };
  }
  const status = errorStatus(err);
  const exposed = err instanceof HttpError && err.expose;
  const message = exposed ? err.message : (STATUS_CODES[status] ?? 'Error');
  const code = err instanceof HttpError ? err.code : 'ERR_CORE_INTERNAL';
  if (negotiateType(accept, ['application/json', 'text/plain']) === 'text/plain') {
    return { status, contentType: 'text/plain; charset=utf-8', body: message };
  }
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: code, message }) };
}
