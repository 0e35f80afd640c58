import { STATUS_CODES } from 'node:http';
import type { OpenAPIOptions } from '../options.js';
import type { ResponseDoc, RouteEntry } from '../route.js';
import { SchemaComponents, type OpenAPIObject, type OpenAPIValue } from './components.js';
import { middlewareDoc } from './middleware-doc.js';

export type { OpenAPIValue, OpenAPIObject } from './components.js';

/** An OpenAPI 3.1 document. */
export interface OpenAPIDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, OpenAPIValue>>;
  components?: { schemas?: Record<string, OpenAPIObject>; securitySchemes?: Record<string, OpenAPIObject> };
}

/** The media types a route with a body schema reads. */
const BODY_TYPES: readonly string[] = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** `/users/:id/*rest` as OpenAPI writes it: `/users/{id}/{rest}`. */
export function openapiPath(pattern: string): { path: string; names: string[] } {
  const names: string[] = [];
  const path = pattern.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?\??|\*([A-Za-z0-9_]*)$/g, (_m, p: string | undefined, _re: string | undefined, w: string | undefined) => {
    const name = p ?? (w === '' || w === undefined ? 'wildcard' : w);
    names.push(name);
    return `{${name}}`;
  });
  return { path, names };
}

/**
 * Builds the OpenAPI 3.1 document of the routes: their patterns, options and schemas, named
 * schemas as components, and what the middleware in front of each route declared it answers
 * and checks (see `documentMiddleware`).
 */
export function buildOpenAPI(routes: readonly RouteEntry[], options: OpenAPIOptions, skip: ReadonlySet<string> = new Set()): OpenAPIDocument {
  const paths: Record<string, Record<string, OpenAPIValue>> = {};
  const schemas = new SchemaComponents(options.schemas);
  const security: Record<string, OpenAPIObject> = {};
  for (const [name, scheme] of Object.entries(options.securitySchemes ?? {})) security[name] = { ...scheme };
  for (const r of routes) {
    if (r.options.hide === true || skip.has(r.pattern)) continue;
    const { path, names } = openapiPath(r.pattern);
    (paths[path] ??= {})[r.method.toLowerCase()] = operation(r, names, schemas, security);
  }
  const doc: OpenAPIDocument = { openapi: '3.1.0', info: options.info ?? { title: 'API', version: '0.0.0' }, paths };
  if (options.servers !== undefined) doc.servers = options.servers;
  const components: NonNullable<OpenAPIDocument['components']> = {};
  const named = schemas.schemas();
  if (Object.keys(named).length > 0) components.schemas = named;
  if (Object.keys(security).length > 0) components.securitySchemes = security;
  if (Object.keys(components).length > 0) doc.components = components;
  return doc;
}

function operation(r: RouteEntry, names: readonly string[], schemas: SchemaComponents, security: Record<string, OpenAPIObject>): OpenAPIObject {
  const o = r.options;
  const s = o.schema ?? {};
  const op: OpenAPIObject = {};
  if (o.summary !== undefined) op['summary'] = o.summary;
  if (o.description !== undefined) op['description'] = o.description;
  if (o.tags !== undefined) op['tags'] = o.tags;
  if (o.operationId !== undefined) op['operationId'] = o.operationId;
  if (o.deprecated === true) op['deprecated'] = true;
  const params = [...parameters('path', s.params, names, schemas), ...parameters('query', s.query, [], schemas), ...parameters('header', s.headers, [], schemas)];
  if (params.length > 0) op['parameters'] = params;
  const body = requestBody(r, schemas);
  if (body !== undefined) op['requestBody'] = body;
  const requirements: Record<string, OpenAPIValue> = {};
  op['responses'] = responses(r, schemas, security, requirements);
  if (o.security !== undefined) op['security'] = o.security.map((req) => Object.fromEntries(Object.entries(req).map(([k, v]) => [k, [...v]])));
  else if (Object.keys(requirements).length > 0) op['security'] = [requirements];
  return op;
}

function parameters(where: 'query' | 'header' | 'path', schema: object | undefined, fallback: readonly string[], schemas: SchemaComponents): OpenAPIValue[] {
  const s = schema === undefined ? undefined : schemas.use(schema);
  const props = (s?.['properties'] ?? {}) as Record<string, OpenAPIValue>;
  const required = new Set(Array.isArray(s?.['required']) ? (s['required'] as string[]) : []);
  const out: OpenAPIValue[] = [];
  for (const name of new Set([...Object.keys(props), ...fallback])) {
    const schema = props[name] ?? { type: 'string' };
    const param: OpenAPIObject = { name, in: where, required: where === 'path' || required.has(name), schema };
    // Viewers show a parameter's own description, not its schema's.
    const description = typeof schema === 'object' && !Array.isArray(schema) ? schema['description'] : undefined;
    if (typeof description === 'string') param['description'] = description;
    out.push(param);
  }
  return out;
}

function requestBody(r: RouteEntry, schemas: SchemaComponents): OpenAPIObject | undefined {
  const body = r.options.schema?.body;
  const documented = body === undefined ? r.options.requestBody : undefined;
  const types = r.options.consumes ?? (body !== undefined ? BODY_TYPES : documented !== undefined ? ['application/json'] : undefined);
  if (types === undefined) return undefined;
  const given = body ?? documented?.schema;
  const schema = given === undefined ? {} : schemas.use(given);
  const out: OpenAPIObject = { required: given !== undefined, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
  if (documented?.description !== undefined) out['description'] = documented.description;
  return out;
}

// The statuses the route can answer: its schemas' and documented ones, validation's, the body
// limit's, and its middleware's; `requirements` gets the middleware's security schemes.
function responses(r: RouteEntry, schemas: SchemaComponents, security: Record<string, OpenAPIObject>, requirements: Record<string, OpenAPIValue>): OpenAPIObject {
  const o = r.options;
  const out: OpenAPIObject = {};
  const statuses = new Set([...Object.keys(o.schema?.response ?? {}), ...Object.keys(o.responses ?? {})]);
  for (const status of [...statuses].sort()) out[status] = response(status, r, schemas);
  const add = (status: number, description: string): void => {
    out[String(status)] ??= { description };
  };
  if (r.validators !== undefined) add(400, 'Invalid request: `details` names each failing field');
  if (o.schema?.body !== undefined) {
    add(413, 'The body is over the size limit');
    add(415, 'The body is not of a media type the route reads');
  } else if (o.bodyLimit !== undefined || o.requestBody !== undefined) add(413, 'The body is over the size limit');
  for (const fn of [...r.middleware(), ...r.handlers]) {
    const doc = middlewareDoc(fn);
    if (doc === undefined || doc.skipMethods?.includes(r.method) === true) continue;
    for (const [status, description] of Object.entries(doc.responses ?? {})) add(Number(status), description);
    if (doc.security !== undefined) {
      security[doc.security.name] ??= { ...doc.security.scheme };
      requirements[doc.security.name] = [];
    }
  }
  // A route that documents no success answers 200, as a handler does by default.
  if (!Object.keys(out).some((s) => s.startsWith('2') || s.startsWith('3'))) out['200'] = { description: 'OK' };
  return sortByStatus(out);
}

function response(status: string, r: RouteEntry, schemas: SchemaComponents): OpenAPIObject {
  const given = r.options.responses?.[Number(status)];
  const doc: ResponseDoc = typeof given === 'string' ? { description: given } : (given ?? { description: STATUS_CODES[Number(status)] ?? `Status ${status}` });
  const schema = r.options.schema?.response?.[Number(status)];
  const out: OpenAPIObject = { description: doc.description };
  if (doc.headers !== undefined) {
    out['headers'] = Object.fromEntries(Object.entries(doc.headers).map(([name, h]) => [name, headerObject(h, schemas)]));
  }
  // A schema of type null is how a route says its status has no body (204).
  const bodiless = schema === undefined || (schema as { type?: unknown }).type === 'null';
  const types = doc.mediaTypes ?? (bodiless ? [] : ['application/json']);
  if (types.length > 0) {
    const s = schema === undefined || bodiless ? {} : schemas.use(schema);
    out['content'] = Object.fromEntries(types.map((t) => [t, { schema: s }]));
  }
  return out;
}

function headerObject(h: { description?: string; schema?: object }, schemas: SchemaComponents): OpenAPIObject {
  const out: OpenAPIObject = { schema: h.schema === undefined ? { type: 'string' } : schemas.use(h.schema) };
  if (h.description !== undefined) out['description'] = h.description;
  return out;
}

function sortByStatus(o: OpenAPIObject): OpenAPIObject {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => Number(a) - Number(b)));
}
