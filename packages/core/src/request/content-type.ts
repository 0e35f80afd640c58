/** A parsed media type: `type/subtype` in lower case, and its parameters. */
export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** Parses a Content-Type header value; an absent header gives an empty type. */
export function parseMediaType(value: string | null | undefined): MediaType {
  if (value === null || value === undefined || value === '') return { type: '', params: {} };
  const parts = value.split(';');
  const type = parts[0]!.trim().toLowerCase();
  const params: Record<string, string> = {};
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    let v = p.slice(eq + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[p.slice(0, eq).trim().toLowerCase()] = v;
  }
  return { type, params };
}

/** The kind of body a media type denotes, for the body readers. */
export type BodyKind = 'json' | 'urlencoded' | 'multipart' | 'text' | 'other' | 'none';

/** Classifies a Content-Type header value: `application/json` and `+json` types are JSON. */
export function bodyKind(contentType: string | null | undefined): BodyKind {
  if (contentType === null || contentType === undefined || contentType === '') return 'none';
  // Hot path: the common exact value needs no parsing.
  if (contentType === 'application/json') return 'json';
  const { type } = parseMediaType(contentType);
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (type === 'multipart/form-data') return 'multipart';
  if (type.startsWith('text/')) return 'text';
  return 'other';
}
