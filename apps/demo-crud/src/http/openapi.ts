// The API's OpenAPI document: core's openapi() of every route, narrowed to the JSON API (the
// pages are not part of it) and completed where route schemas cannot say it: the request
// bodies (checked by validateUser rather than by a route schema, for its readable messages),
// the merge-patch media type of PATCH, bodiless 204 and 304 answers, the conditional request
// headers, and what each status means.
import type { Engine, OpenAPIDocument } from '@sloe/core';
import { userBodySchema, userPatchSchema } from '../domain/user-input.js';
import { VERSION } from '../version.js';

type Json = { [key: string]: unknown };

const IF_MATCH = { name: 'If-Match', in: 'header', required: false, description: 'The ETag the write is based on; 412 when the user changed since.', schema: { type: 'string' } };
const IF_NONE_MATCH = { name: 'If-None-Match', in: 'header', required: false, description: 'The ETag the client holds; 304 when it is current.', schema: { type: 'string' } };

/** The document served at `/api/openapi.json`. */
export function apiDocument(app: Engine): OpenAPIDocument {
  const full = app.openapi();
  const paths: Record<string, Json> = {};
  for (const [path, ops] of Object.entries(full.paths)) {
    if (path === '/api/openapi.json' || (path !== '/healthz' && !path.startsWith('/api/'))) continue;
    const copy = structuredClone(ops) as Record<string, Json>;
    for (const [method, op] of Object.entries(copy)) {
      if (path === '/healthz') completeHealth(op);
      else complete(method, op);
    }
    paths[path] = copy;
  }
  return {
    ...full,
    info: { title: 'sloe demo: users', version: VERSION, description: 'A RESTful user service built on @sloe/core. Every answer about one user carries an ETag; send it back in If-Match to write only if nobody else did meanwhile.' },
    paths,
  } as OpenAPIDocument;
}

/** What each status means, by operation where it differs. */
const DESCRIPTIONS: Record<string, string> = {
  200: 'The user, with its ETag.',
  201: 'Created: the new user, with its Location and ETag.',
  204: 'Deleted.',
  304: 'Not modified: the If-None-Match tag is current.',
  400: 'A field, param or query value is invalid (`details` names each), or the body is not JSON.',
  404: 'No user has this id.',
  409: 'Another user has this email.',
  412: "If-Match does not name the user's current version.",
  413: 'The body is over the size limit.',
  415: 'The body is not of an accepted media type.',
};
const LIST_DESCRIPTIONS: Record<string, string> = {
  200: 'A page of users; `Link: <next>; rel="next"` unless it is the last.',
  400: 'A query value is invalid (`details` names each), or the cursor was not issued by this server.',
};

function complete(method: string, op: Json): void {
  const responses = (op.responses ?? {}) as Record<string, Json>;
  const params = (op.parameters ?? []) as Json[];
  const json = (schema: unknown): Json => ({ required: true, content: { 'application/json': { schema } } });
  if (method === 'post' || method === 'put') op.requestBody = json(userBodySchema);
  if (method === 'patch') {
    const schema = { schema: userPatchSchema };
    op.requestBody = { required: true, content: { 'application/merge-patch+json': schema, 'application/json': schema } };
  }
  if (method === 'put' || method === 'patch' || method === 'delete') op.parameters = [...params, IF_MATCH];
  if (method === 'get' && responses['404'] !== undefined) {
    op.parameters = [...params, IF_NONE_MATCH];
    responses['304'] = {};
  }
  const list = op.operationId === 'listUsers';
  for (const [status, response] of Object.entries(responses)) {
    const text = (list ? LIST_DESCRIPTIONS[status] : undefined) ?? DESCRIPTIONS[status];
    if (text !== undefined) response.description = text;
    if (status === '204' || status === '304') delete response.content;
  }
  op.responses = responses;
}

/** The health check, which has no schemas to say what it answers. */
function completeHealth(op: Json): void {
  op.summary = 'Health check';
  op.responses = {
    200: { description: 'The store answers: `{"status":"ok"}`.' },
    503: { description: 'The store does not answer: `{"status":"unavailable"}`.' },
  };
}
