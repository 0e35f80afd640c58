// The API's OpenAPI document: core's openapi() of every route, narrowed to the JSON API (the
// pages are not part of it) and completed where route schemas cannot say it: the merge-patch
// media type of PATCH, bodiless 204 and 304 answers, the conditional request headers.
import type { Engine, OpenAPIDocument } from '@sloe/core';
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
    for (const [method, op] of Object.entries(copy)) complete(method, op);
    paths[path] = copy;
  }
  return {
    ...full,
    info: { title: 'sloe demo: users', version: VERSION, description: 'A RESTful user service built on @sloe/core. Every answer about one user carries an ETag; send it back in If-Match to write only if nobody else did meanwhile.' },
    paths,
  } as OpenAPIDocument;
}

function complete(method: string, op: Json): void {
  const responses = (op.responses ?? {}) as Record<string, Json>;
  const params = (op.parameters ?? []) as Json[];
  if (method === 'patch') {
    const body = op.requestBody as { content: Record<string, unknown> } | undefined;
    const schema = body?.content['application/json'];
    if (body !== undefined) body.content = { 'application/merge-patch+json': schema, 'application/json': schema };
  }
  if (method === 'put' || method === 'patch' || method === 'delete') op.parameters = [...params, IF_MATCH];
  if (method === 'get' && responses['404'] !== undefined) {
    op.parameters = [...params, IF_NONE_MATCH];
    responses['304'] = { description: 'Not modified: the If-None-Match tag is current.' };
  }
  if (responses['204'] !== undefined) responses['204'] = { description: 'Deleted.' };
  op.responses = responses;
}
