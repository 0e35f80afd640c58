// Runs one request through a sloe Engine and through a Hono app built with the equivalent
// middleware, so a test can compare the two answers header by header.
import { expect } from 'chai';
import type { Hono } from 'hono';
import type { Engine } from '../../src/index.js';
import type { CaseRequest, Way } from '../ways.js';

/** The host every side-by-side request is addressed to. */
export const HOST = 'app.example';

/** A status and the compared headers, values normalized (`a,b` and `a, b` are the same list). */
export interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
}

/** A request sent to both, with the headers compared and the differences that are deliberate. */
export interface SideCase extends CaseRequest {
  name: string;
  /** Header (or `status`) → why sloe answers otherwise; sloe's own value is then in `sloe`. */
  differs?: Record<string, string>;
  /** sloe's values where it differs (undefined: the header is absent). */
  sloe?: Partial<Record<string, string | number | undefined>>;
}

function normalize(v: string | null | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  return v
    .split(',')
    .map((s) => s.trim())
    .join(',');
}

function pick(status: number, get: (name: string) => string | null | undefined, names: readonly string[]): Answer {
  const headers: Record<string, string | undefined> = {};
  for (const n of names) headers[n] = normalize(get(n));
  return { status, headers };
}

/** Sends `req` to the Engine over `way` (inject when omitted). */
export async function sloeAnswer(app: Engine, req: CaseRequest, names: readonly string[], way?: Way): Promise<Answer> {
  const headers = { host: HOST, ...req.headers };
  if (way !== undefined) {
    const r = await way.send({ ...req, headers });
    return pick(r.status, (n) => r.headers[n], names);
  }
  const r = await app.inject({ method: req.method, url: req.url, headers, body: req.body });
  return pick(r.status, (n) => r.headers[n], names);
}

/** Sends `req` to the Hono app. */
export async function honoAnswer(app: Hono, req: CaseRequest, names: readonly string[]): Promise<Answer> {
  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : new Uint8Array(req.body);
  const r = await app.request(`http://${HOST}${req.url}`, { method: req.method, headers: req.headers, body });
  return pick(r.status, (n) => r.headers.get(n), names);
}

/**
 * Asserts that the two answers agree on the status and every compared header, except where the
 * case names a deliberate difference: there sloe must answer the value the case gives.
 */
export function expectSame(c: SideCase, ours: Answer, theirs: Answer): void {
  const differs = c.differs ?? {};
  const expected = c.sloe ?? {};
  if ('status' in differs) {
    expect(ours.status, 'status').to.equal(expected['status']);
    expect(theirs.status, "Hono's status").to.not.equal(ours.status);
  } else expect(ours.status, `status (body differs?)`).to.equal(theirs.status);
  for (const name of Object.keys(ours.headers)) {
    if (name in differs) {
      const want = expected[name];
      expect(ours.headers[name], `${name} (${differs[name]})`).to.equal(normalize(want === undefined ? undefined : String(want)));
      expect(theirs.headers[name], `Hono's ${name} differs (${differs[name]})`).to.not.equal(ours.headers[name]);
    } else expect(ours.headers[name], name).to.equal(theirs.headers[name]);
  }
}
