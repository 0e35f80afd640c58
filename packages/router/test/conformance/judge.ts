// The judging rules of tools/check-router-conformance.mjs, typed, so the mocha suite and
// the command-line checker decide every case the same way.

/** An anchor router whose recorded behaviour can be the oracle. */
export type Anchor = 'httprouter' | 'gin' | 'find-my-way';

/** An outcome as the checker's adapters report it. */
export interface Outcome {
  route?: string | null;
  params?: Record<string, string>;
  status?: number;
  redirect?: string;
  allow?: string[];
  error?: string;
}

/** One registration of a case. */
export interface CaseRoute {
  method: string;
  path: string;
  throws?: boolean;
  throwsBy?: Partial<Record<Anchor, boolean>>;
}

/** One lookup of a case, with the outcome of the reflected anchor and the others' differences. */
export interface CaseLookup {
  method: string;
  path: string;
  expect: Outcome;
  anchors?: Partial<Record<Anchor, Outcome | 'same'>>;
}

/** A case of router-conformance.json. */
export interface Case {
  id: string;
  reflects: Anchor;
  syntax: 'httprouter' | 'find-my-way';
  topic: string[];
  ranOn?: Anchor[];
  config?: Partial<Record<Anchor, Record<string, unknown>>>;
  routes: CaseRoute[];
  lookups: CaseLookup[];
  note?: string;
}

/** What the checker's adapter contract asks of a router under test. */
export interface RouterUnderTest {
  add(method: string, path: string): void;
  lookup(method: string, path: string): Outcome;
}

const ALL: Anchor[] = ['httprouter', 'gin', 'find-my-way'];
const REDIRECT_TOPICS = ['trailing-slash', 'clean-path', 'case-insensitive'];
const FMW_TOPICS = ['percent-encoding', 'unicode', 'regex-param', 'multi-param-segment', 'optional-param', 'param-suffix', 'mid-segment-param', 'escaped-colon', 'duplicate-slashes'];

/** `--policy sloe`: redirects as httprouter, raw-path matching, decoding and extra syntax as find-my-way, the rest as gin. */
export function policyAnchor(c: Case): Anchor {
  const ran = c.ranOn ?? ALL;
  const want: Anchor = c.topic.some((t) => REDIRECT_TOPICS.includes(t))
    ? 'httprouter'
    : c.syntax === 'find-my-way' || c.topic.some((t) => FMW_TOPICS.includes(t))
      ? 'find-my-way'
      : 'gin';
  return ran.includes(want) ? want : 'gin';
}

/** Why a case is not judged under `anchor` (an option sloe does not offer, or the anchor never ran it), or null. */
export function skipReason(c: Case, anchor: Anchor): string | null {
  const cfg = c.config?.[anchor] ?? {};
  if (anchor === 'gin' && cfg.RemoveExtraSlash === true) return "needs gin's RemoveExtraSlash";
  if (anchor === 'gin' && cfg.UnescapePathValues === false) return "needs gin's UnescapePathValues: false";
  if (anchor === 'find-my-way' && cfg.ignoreDuplicateSlashes === true) return "needs find-my-way's ignoreDuplicateSlashes";
  if (!(c.ranOn ?? ALL).includes(anchor)) return `${anchor} did not run this case`;
  return null;
}

/** Adds the case's route to `router`; whether that threw. */
export function addThrows(router: RouterUnderTest, r: CaseRoute): boolean {
  try {
    router.add(r.method, r.path);
    return false;
  } catch {
    return true;
  }
}

/** Whether `anchor` rejected the registration. */
export function wantThrow(r: CaseRoute, anchor: Anchor): boolean {
  return r.throwsBy ? r.throwsBy[anchor] === true : r.throws === true;
}

/** The outcome `anchor` gave for the lookup. */
export function wantOutcome(c: Case, l: CaseLookup, anchor: Anchor): Outcome {
  const other = l.anchors?.[anchor];
  return c.reflects === anchor || other === undefined || other === 'same' ? l.expect : other;
}

function sameParams(a: Record<string, string> = {}, b: Record<string, string> = {}): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** The checker's `same`: does `got` count as the anchor's `want`? */
export function sameOutcome(want: Outcome, got: Outcome): boolean {
  if (want.error !== undefined) return true; // refused by net/http before routing: not judged
  if (want.route !== undefined && want.route !== null) return got.route === want.route && sameParams(want.params, got.params);
  if (want.redirect !== undefined) return got.redirect === want.redirect && got.status === want.status;
  if (want.status === 405) return got.status === 405 && [...(got.allow ?? [])].sort().join() === [...(want.allow ?? [])].sort().join();
  return !got.route && (got.status ?? 404) === (want.status ?? 404) && got.redirect === undefined;
}

/** One judged step of a case. */
export interface Step {
  /** `register GET /a/:b` or `lookup GET /a/b`. */
  readonly name: string;
  readonly pass: boolean;
  readonly detail: string;
}

/**
 * Runs a case against `router` (a fresh router made for the case) judged by `anchor`, step by step:
 * registrations first, then lookups, as the checker does.
 */
export function runCase(c: Case, anchor: Anchor, router: RouterUnderTest): Step[] {
  const steps: Step[] = [];
  for (const r of c.routes) {
    const threw = addThrows(router, r);
    const want = wantThrow(r, anchor);
    steps.push({ name: `register ${r.method} ${r.path}`, pass: threw === want, detail: `threw=${threw}, ${anchor} threw=${want}` });
  }
  for (const l of c.lookups) {
    let got: Outcome;
    try {
      got = router.lookup(l.method, l.path);
    } catch (err) {
      got = { error: String(err) };
    }
    const want = wantOutcome(c, l, anchor);
    steps.push({
      name: `lookup ${l.method} ${l.path.length > 80 ? l.path.slice(0, 80) + '...' : l.path}`,
      pass: sameOutcome(want, got),
      detail: `got ${JSON.stringify(got)}; ${anchor}: ${JSON.stringify(want)}`,
    });
  }
  return steps;
}
