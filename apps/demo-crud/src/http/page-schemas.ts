// The forms the pages read, published in the OpenAPI document (each page checks its form
// itself, with messages shown beside the fields).
import { BIO_MAX, EMAIL_MAX, NAME_MAX } from '../domain/user-input.js';

const CSRF_FIELD = { type: 'string', description: 'The token of the page the form came from (`c.csrfToken()`), matching the signed `csrf` cookie.' } as const;

/** The create and edit forms: the fields as typed, checked by the same rules as the API. */
export const userFormSchema = {
  type: 'object',
  required: ['_csrf'],
  properties: {
    name: { type: 'string', maxLength: NAME_MAX },
    email: { type: 'string', maxLength: EMAIL_MAX },
    age: { type: 'string', description: 'Digits, or empty for none.' },
    bio: { type: 'string', maxLength: BIO_MAX },
    version: { type: 'string', description: 'The version the edit form was loaded at (edit only).' },
    _method: { type: 'string', enum: ['PUT'], description: 'Sent by the edit form as a POST: the pages turn it into PUT.' },
    _csrf: CSRF_FIELD,
  },
} as const;

/** The delete confirmation's form. */
export const deleteFormSchema = {
  type: 'object',
  required: ['_csrf'],
  properties: {
    version: { type: 'string', description: 'The version the confirmation was shown at: a user changed since is not deleted.' },
    _method: { type: 'string', enum: ['DELETE'], description: 'Sent as a POST: the pages turn it into DELETE.' },
    _csrf: CSRF_FIELD,
  },
} as const;
