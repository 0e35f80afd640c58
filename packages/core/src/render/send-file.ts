import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Context } from '../context.js';
import { HttpError } from '../errors.js';
import { planFile } from './file.js';

/** The Content-Disposition value of a download named `filename` (ASCII fallback and UTF-8 name). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Answers with a file as `planFile` decides: 200, 206, 304 or 416; 404 when it is not a file.
 * `contentType` replaces the one its extension gives (a `.br` sibling served for its original).
 */
export async function sendFile(c: Context, filePath: string, contentType?: string): Promise<void> {
  const st = await stat(filePath).catch(() => undefined);
  if (st?.isFile() !== true) throw new HttpError(404, 'file not found');
  const h = c.req.headers;
  const plan = planFile(filePath, st, {
    ifNoneMatch: h.get('if-none-match'),
    ifModifiedSince: h.get('if-modified-since'),
    range: h.get('range'),
    ifRange: h.get('if-range'),
  }, contentType);
  for (const [k, v] of plan.headers) c.setHeader(k, v);
  // An empty body (304, 416) is an empty stream, which keeps the planned headers as they are.
  const body = plan.end < plan.start ? [] : createReadStream(filePath, { start: plan.start, end: plan.end });
  await c.stream(plan.status, undefined, body);
}
