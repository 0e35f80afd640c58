// What the application in front of the routes answers besides their handlers, written into each
// route's options so that the OpenAPI document lists every status a route can really answer:
// the Engine's body limit (413 on any route, for a declared Content-Length over it), recovery
// (500 when the store fails), and the write rate limit (429, on writes, when it is on).
import type { ResponseDoc } from '@sloe/core';
import { errorSchema, tooManyRequestsSchema } from './api-schemas.js';

/** How the application is set up, as far as the routes' answers depend on it. */
export interface Answers {
  /** Writes are rate limited: POST, PUT, PATCH and DELETE may be answered 429. */
  writeLimit: boolean;
}

/** Statuses and what they mean, for a route's `responses` option. */
export type ResponseDocs = { [status: number]: string | ResponseDoc };

/** 413: the Engine refuses a declared Content-Length over its limit on every route, before it runs. */
export const BODY_TOO_LARGE = 'The body is over the size limit (64 KiB by default): refused before it is read.';

/** 500: an unexpected failure, such as the store not answering. */
export const SERVER_ERROR = 'The store or the server failed; the details are in the server log.';

/** 429 with the headers of core's rateLimit(). */
export const TOO_MANY_WRITES: ResponseDoc = {
  description: 'More writes than WRITE_RATE_LIMIT allows this minute, API and forms together.',
  headers: {
    'Retry-After': { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
    RateLimit: { description: 'The remaining quota (draft-ietf-httpapi-ratelimit-headers).' },
    'RateLimit-Policy': { description: 'The quota and its window.' },
  },
};

/** The JSON schemas of the answers every write of the API and the pages may get from the rate limit. */
export function writeLimitSchemas(answers: Answers): Record<number, typeof tooManyRequestsSchema> {
  return answers.writeLimit ? { 429: tooManyRequestsSchema } : {};
}

/** The descriptions of those answers. */
export function writeLimitDocs(answers: Answers): ResponseDocs {
  return answers.writeLimit ? { 429: TOO_MANY_WRITES } : {};
}

/** The JSON answers of the Engine and recovery on an API route: 413 and 500, as `{ error, message }`. */
export const ENGINE_ERROR_SCHEMAS = { 413: errorSchema, 500: errorSchema } as const;
