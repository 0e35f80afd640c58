import { expect } from 'chai';
import { Router } from '../src/index.js';
import { createRouter } from './conformance/adapter.js';
import { DEVIATIONS, REASONS } from './conformance/deviations.js';
import type { Deviation } from './conformance/deviations.js';
import { addThrows, policyAnchor, runCase, sameOutcome, skipReason, wantOutcome, wantThrow } from './conformance/judge.js';
import type { Case } from './conformance/judge.js';
import { readData } from './shared-data.js';

const FILE = 'router-conformance.json';

/**
 * The cases the policy cannot judge, with the reason `skipReason` gives: the anchor it picks
 * needs an option sloe does not offer, or never ran the case. They are left out of the judged
 * set, and a test holds the list, so a new unjudged case is a failure until it is named here.
 */
const NOT_JUDGED: Readonly<Record<string, string>> = {
  'gin.routes.params-extra-slash': "needs find-my-way's ignoreDuplicateSlashes",
  'find-my-way.optional-params': 'gin did not run this case',
};

function loadCases(): Case[] {
  return (readData(FILE) as { cases: Case[] }).cases;
}

const deviationKey = (id: string, step: string): string => `${id}\n${step}`;

// Every case of router-conformance.json, judged per topic as `check-router-conformance.mjs --policy
// sloe` does: redirects as httprouter, raw-path matching, decoding and find-my-way's syntax as
// find-my-way, the rest as gin. Deliberate differences are tests of their own, named as such.
describe('router conformance (policy sloe)', () => {
  const cases = loadCases();
  const deviations = new Map(DEVIATIONS.map((dv) => [deviationKey(dv.id, dv.step), dv]));

  it('reads the conformance vectors', () => {
    expect(cases.length).to.be.greaterThan(70);
  });

  it('judges every case but the named ones the policy cannot judge', () => {
    const unjudged = cases.flatMap((c) => {
      const why = skipReason(c, policyAnchor(c));
      return why === null ? [] : [[c.id, why] as const];
    });
    expect(Object.fromEntries(unjudged)).to.deep.equal(NOT_JUDGED);
  });

  for (const c of cases) {
    const anchor = policyAnchor(c);
    if (skipReason(c, anchor) !== null) continue;
    it(`${c.id} behaves as ${anchor}`, () => {
      const steps = runCase(c, anchor, createRouter(Router, c.config?.[anchor] ?? {}, c.syntax, anchor));
      const failed = steps.filter((s) => !s.pass && !deviations.has(deviationKey(c.id, s.name)));
      expect(failed.map((s) => `${s.name}: ${s.detail}`)).to.deep.equal([]);
    });
  }

  for (const dv of DEVIATIONS) {
    it(`deliberately differs: ${REASONS[dv.reason]} (${dv.id}, ${dv.step})`, () => {
      const c = cases.find((x) => x.id === dv.id);
      if (c === undefined) throw new Error(`no case ${dv.id}`);
      const anchor = policyAnchor(c);
      const steps = runCase(c, anchor, createRouter(Router, c.config?.[anchor] ?? {}, c.syntax, anchor));
      const step = steps.find((s) => s.name === dv.step);
      expect(step, 'the step exists').to.not.equal(undefined);
      expect(step?.pass, `the policy anchor ${anchor} is not followed here`).to.equal(false);
      expect(followed(c, dv), `sloe does what the deviation names`).to.equal(true);
    });
  }
});

// Replays the case up to the deviating step and compares that step with the behaviour the
// deviation names.
function followed(c: Case, dv: Deviation): boolean {
  const anchor = policyAnchor(c);
  const router = createRouter(Router, c.config?.[anchor] ?? {}, c.syntax, anchor);
  for (const r of c.routes) {
    const threw = addThrows(router, r);
    if (`register ${r.method} ${r.path}` === dv.step) return dv.follows !== undefined && threw === wantThrow(r, dv.follows);
  }
  for (const l of c.lookups) {
    if (`lookup ${l.method} ${l.path}` !== dv.step) continue;
    const got = router.lookup(l.method, l.path);
    const want = dv.follows !== undefined ? wantOutcome(c, l, dv.follows) : dv.expect;
    return want !== undefined && sameOutcome(want, got);
  }
  return false;
}
