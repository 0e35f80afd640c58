// The application's OpenAPI document, as core's openapi() builds it from the route options: its
// info, the schemas it names in components, and the CSRF cookie the forms are checked against.
import type { OpenAPIOptions } from '@sloe/core';
import { userBodySchema, userPatchSchema } from '../domain/user-input.js';
import { VERSION } from '../version.js';
import { errorSchema, healthSchema, tooManyRequestsSchema, userListSchema, userSchema } from './api-schemas.js';
import { deleteFormSchema, userFormSchema } from './page-schemas.js';

/** Where the document is served. */
export const DOCUMENT_PATH = '/openapi.json';

/** The Engine's `openapi` option: the document served at {@link DOCUMENT_PATH}. */
export function documentOptions(): OpenAPIOptions {
  return {
    path: DOCUMENT_PATH,
    info: {
      title: 'sloe demo: users',
      version: VERSION,
      description:
        'A user service built on @sloe/core: a JSON API under /api/users and HTML pages under /users. Every answer about one user carries an ETag; send it back in If-Match to write only if nobody else did meanwhile.',
    },
    schemas: {
      User: userSchema,
      UserList: userListSchema,
      UserInput: userBodySchema,
      UserPatch: userPatchSchema,
      Error: errorSchema,
      TooManyRequests: tooManyRequestsSchema,
      Health: healthSchema,
      UserForm: userFormSchema,
      DeleteForm: deleteFormSchema,
    },
    securitySchemes: {
      csrf: {
        type: 'apiKey',
        in: 'cookie',
        name: 'csrf',
        description: 'The signed double-submit cookie of core\'s csrf(): a form write carries its token in the `_csrf` field, and comes from this site (Sec-Fetch-Site, Origin).',
      },
    },
  };
}
