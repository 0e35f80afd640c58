// Where sloe deliberately differs from the anchor the conformance policy picks for a case. Each
// entry names the behaviour sloe follows instead: another anchor's recorded outcome for the same
// step, or (where no anchor behaves like sloe) the outcome written out by hand.
import type { Anchor, Outcome } from './judge.js';

/** The deliberate differences, each documented in the package README. */
export const REASONS = {
  'catch-all-beside-routes': 'a catch-all shares its position with static and param routes, as in find-my-way (gin and httprouter refuse)',
  'static-param-siblings': 'static and param routes share a position, as in gin >= 1.8 (httprouter refuses, so its lookups differ)',
  'param-name-conflict': 'two param names at one position are refused, as in gin (find-my-way accepts)',
  'params-need-separator': 'params in one segment need static text between them, "/:foo:bar" is refused as in gin (find-my-way reads one param named "foo:bar")',
  'catch-all-after-slash': 'a catch-all must follow a "/", as in gin (find-my-way accepts "/src2*")',
  'bare-catch-all': 'a bare "*" is a catch-all in every pattern (find-my-way syntax; gin requires a name)',
  'multi-param-segment': 'several params in one segment are accepted (find-my-way syntax) and reached by a fixed-path redirect (httprouter refuses the route)',
} as const;

/** A key of {@link REASONS}. */
export type Reason = keyof typeof REASONS;

/** One deliberate difference: a step of a case, why, and what sloe does there instead. */
export interface Deviation {
  readonly id: string;
  readonly step: string;
  readonly reason: Reason;
  /** The anchor whose recorded outcome sloe gives at this step ... */
  readonly follows?: Anchor;
  /** ... or, where no anchor does, sloe's outcome. */
  readonly expect?: Outcome;
}

const d = (id: string, step: string, reason: Reason, follows: Anchor): Deviation => ({ id, step, reason, follows });

export const DEVIATIONS: readonly Deviation[] = [
  d('httprouter.tree.wildcard-conflict', 'register GET /src/', 'catch-all-beside-routes', 'find-my-way'),
  d('httprouter.tree.wildcard-conflict', 'register GET /src1/*filepath', 'catch-all-beside-routes', 'find-my-way'),
  d('httprouter.tree.child-conflict', 'register GET /src/*filepath', 'catch-all-beside-routes', 'find-my-way'),
  d('httprouter.tree.child-conflict', 'register GET /*filepath', 'catch-all-beside-routes', 'find-my-way'),
  d('httprouter.tree.catch-all-conflict-root', 'register GET /*filepath', 'catch-all-beside-routes', 'find-my-way'),
  d('httprouter.tree.wildcard-conflict-ex.1', 'register GET /who/are/foo', 'catch-all-beside-routes', 'find-my-way'),
  d('httprouter.tree.wildcard-conflict-ex.2', 'register GET /who/are/foo/', 'catch-all-beside-routes', 'find-my-way'),
  d('httprouter.tree.wildcard-conflict-ex.3', 'register GET /who/are/foo/bar', 'catch-all-beside-routes', 'find-my-way'),
  d('gin.tree.child-conflict', 'register GET /src/*filepath', 'catch-all-beside-routes', 'find-my-way'),
  d('gin.tree.child-conflict', 'register GET /*filepath', 'catch-all-beside-routes', 'find-my-way'),
  d('gin.tree.wildcard-conflict-ex.1', 'register GET /who/are/foo', 'catch-all-beside-routes', 'find-my-way'),
  d('gin.tree.wildcard-conflict-ex.2', 'register GET /who/are/foo/', 'catch-all-beside-routes', 'find-my-way'),
  d('gin.tree.wildcard-conflict-ex.3', 'register GET /who/are/foo/bar', 'catch-all-beside-routes', 'find-my-way'),
  d('httprouter.tree.empty-wildcard-name', 'register GET /src/*', 'bare-catch-all', 'find-my-way'),
  d('httprouter.tree.double-wildcard', 'register GET /:foo:bar', 'params-need-separator', 'gin'),
  d('httprouter.tree.double-wildcard', 'register GET /:foo:bar/', 'params-need-separator', 'gin'),
  d('gin.tree.wildcard-conflict', 'register GET /cmd/:badvar', 'param-name-conflict', 'gin'),
  d('gin.tree.wildcard-conflict', 'register GET /cmd/:tool/:badsub/details', 'param-name-conflict', 'gin'),
  d('gin.tree.wildcard-conflict', 'register GET /src2*filepath', 'catch-all-after-slash', 'gin'),
  d('gin.tree.trailing-slash-redirect', 'register GET /api/hello/:name/bar/', 'static-param-siblings', 'gin'),
  d('gin.tree.trailing-slash-redirect', 'register GET /api/bar/:name', 'static-param-siblings', 'gin'),
  d('gin.tree.trailing-slash-redirect', 'register GET /api/baz/foo', 'static-param-siblings', 'gin'),
  d('gin.tree.trailing-slash-redirect', 'register GET /api/baz/foo/bar', 'static-param-siblings', 'gin'),
  d('gin.tree.trailing-slash-redirect', 'register GET /posts/b/:c/d/', 'static-param-siblings', 'gin'),
  d('gin.tree.trailing-slash-redirect', 'lookup GET /api/hello/x/bar', 'static-param-siblings', 'gin'),
  d('gin.tree.trailing-slash-redirect', 'lookup GET /api/baz/foo/bar/', 'static-param-siblings', 'gin'),
  d('gin.tree.trailing-slash-redirect', 'lookup GET /posts/b/c/d', 'static-param-siblings', 'gin'),
  d('gin.tree.case-insensitive-wildcard-children', 'register GET /:bb/aa', 'static-param-siblings', 'gin'),
  d('gin.tree.case-insensitive-param-static', 'register GET /prefix/xxx', 'static-param-siblings', 'gin'),
  d('gin.tree.case-insensitive-param-static', 'lookup GET /prefix/xxx', 'static-param-siblings', 'gin'),
  d('gin.tree.case-insensitive-param-static', 'lookup GET /PREFIX/XXX', 'static-param-siblings', 'gin'),
  d('find-my-way.case-insensitive', 'register GET /foo/:param', 'static-param-siblings', 'gin'),
  d('find-my-way.case-insensitive', 'lookup GET /Foo/bAR', 'static-param-siblings', 'gin'),
  d('find-my-way.issue-145-ignore-trailing-slash', 'register GET /a/:pam/c', 'static-param-siblings', 'gin'),
  d('find-my-way.issue-145-ignore-trailing-slash', 'lookup GET /a/b/c', 'static-param-siblings', 'gin'),
  d('find-my-way.issue-145-ignore-trailing-slash', 'lookup GET /a/b/c/', 'static-param-siblings', 'gin'),
  d('find-my-way.issue-145-ignore-trailing-slash', 'lookup GET /a/foo/c', 'static-param-siblings', 'gin'),
  d('find-my-way.issue-145-ignore-trailing-slash', 'lookup GET /a/foo/c/', 'static-param-siblings', 'gin'),
  d('find-my-way.case-insensitive-wildcard', 'register GET /bar/:param1-:param2', 'multi-param-segment', 'find-my-way'),
  { id: 'find-my-way.case-insensitive-wildcard', step: 'lookup GET /BAR/My-bAR', reason: 'multi-param-segment', expect: { status: 301, redirect: '/bar/My-bAR' } },
];
