import type { OpenAPIOptions } from './options.js';
import type { RouteEntry } from './route.js';

/** A JSON value of the OpenAPI document. */
export type OpenAPIValue = string | number | boolean | null | OpenAPIValue[] | { [k: string]: OpenAPIValue };
/** An OpenAPI 3.1 document. */
export interface OpenAPIDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, OpenAPIValue>>;
}

// Symbol keys (TypeBox's Kind) and functions do not survive JSON; neither should they here.
function plain(schema: object): { [k: string]: OpenAPIValue } {
  return JSON.parse(JSON.stringify(schema)) as { [k: string]: OpenAPIValue };
}

/** `/users/:id/*rest` as OpenAPI writes it: `/users/{id}/{rest}`. */
export function openapiPath(pattern: string): { path: string; names: string[] } {
  const names: string[] = [];
  const path = pattern.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?|\*([A-Za-z0-9_]*)$/g, (_m, p: string | undefined, _re: string | undefined, w: string | undefined) => {
    const name = p ?? (w === '' || w === undefined ? 'wildcard' : w);
    names.push(name);
    return `{${name}}`;
  });
  return { path, names };
}

function parameters(where: 'query' | 'header' | 'path', schema: object | undefined, fallback: string[]): OpenAPIValue[] {
  const out: OpenAPIValue[] = [];
  const s = schema === undefined ? undefined : plain(schema);
  const props = (s?.['properties'] ?? {}) as Record<string, OpenAPIValue>;
  const required = new Set(Array.isArray(s?.['required']) ? (s['required'] as string[]) : []);
  const names = new Set([...Object.keys(props), ...fallback]);
  for (const name of names) {
    out.push({ name, in: where, required: where === 'path' || required.has(name), schema: props[name] ?? { type: 'string' } });
  }
  return out;
}

/** Builds the OpenAPI 3.1 document of the routes, from their patterns, options and schemas. */
export function buildOpenAPI(routes: readonly RouteEntry[], options: OpenAPIOptions): OpenAPIDocument {
  const paths: Record<string, Record<string, OpenAPIValue>> = {};
  const servedAt = options.path ?? '/openapi.json';
  for (const r of routes) {
    if (r.pattern === servedAt || r.options.hide === true) continue;
    const { path, names } = openapiPath(r.pattern);
    const s = r.options.schema ?? {};
    const op: { [k: string]: OpenAPIValue } = {};
    if (r.options.summary !== undefined) op['summary'] = r.options.summary;
    if (r.options.description !== undefined) op['description'] = r.options.description;
    if (r.options.tags !== undefined) op['tags'] = r.options.tags;
    if (r.options.operationId !== undefined) op['operationId'] = r.options.operationId;
    const params = [...parameters('path', s.params, names), ...(s.query ? parameters('query', s.query, []) : []), ...(s.headers ? parameters('header', s.headers, []) : [])];
    if (params.length > 0) op['parameters'] = params;
    if (s.body !== undefined) op['requestBody'] = { required: true, content: { 'application/json': { schema: plain(s.body) } } };
    const responses: { [k: string]: OpenAPIValue } = {};
    for (const [status, schema] of Object.entries(s.response ?? {})) {
      responses[status] = { description: `Status ${status}`, content: { 'application/json': { schema: plain(schema) } } };
    }
    if (Object.keys(responses).length === 0) responses['200'] = { description: 'OK' };
    if (r.validators !== undefined) responses['400'] ??= { description: 'Invalid request' };
    op['responses'] = responses;
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  const doc: OpenAPIDocument = { openapi: '3.1.0', info: options.info ?? { title: 'API', version: '0.0.0' }, paths };
  if (options.servers !== undefined) doc.servers = options.servers;
  return doc;
}
