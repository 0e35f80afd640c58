// The API's schemas beyond the request bodies: the id param and the answers, published in the
// OpenAPI document and checked by core on every c.json of their status.
import { AGE_MAX, BIO_MAX, EMAIL_MAX, NAME_MAX } from '../domain/user-input.js';

/** The largest id: the stores' id columns are 32-bit integers. */
export const MAX_ID = 2147483647;
/** An id as written in a path: digits only, no leading zero. */
export const ID_PATTERN = /^[1-9][0-9]{0,9}$/;

/** The `:id` route param: a positive 32-bit integer, in digits. */
export const idParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: MAX_ID, description: 'Digits only: `0x1`, `1.0` or ` 1` are refused.' } },
} as const;

/** A user as the API answers it. */
export const userSchema = {
  type: 'object',
  required: ['id', 'name', 'email', 'age', 'bio', 'createdAt', 'updatedAt', 'version'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string', maxLength: NAME_MAX },
    email: { type: 'string', maxLength: EMAIL_MAX, description: 'Trimmed, NFKC-normalised and lower-cased; unique.' },
    age: { type: ['integer', 'null'], minimum: 0, maximum: AGE_MAX },
    bio: { type: ['string', 'null'], maxLength: BIO_MAX },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    version: { type: 'integer', description: 'Incremented by every write; the ETag is "<id>.<version>".' },
  },
} as const;

/** A page of users. */
export const userListSchema = {
  type: 'object',
  required: ['items', 'total', 'limit', 'next'],
  properties: {
    items: { type: 'array', items: userSchema },
    total: { type: 'integer', description: 'Users matching q, over all pages.' },
    limit: { type: 'integer' },
    next: { type: ['string', 'null'], description: 'The URL of the next page; null on the last.' },
  },
} as const;

/** An error answer. */
export const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'A stable code: validation, ERR_USER_NOT_FOUND, ERR_EMAIL_TAKEN, ...' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        properties: { in: { type: 'string' }, path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** The rate limit's answer (core's `rateLimit()`), API and pages alike. */
export const tooManyRequestsSchema = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string', const: 'too many requests' } },
} as const;

/** The health check's answer. */
export const healthSchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok', 'unavailable'] } },
} as const;
