#!/usr/bin/env node
// check-router-conformance.mjs — run test/data/router-conformance.json against a router.
//
//   node tools/check-router-conformance.mjs --modules path/to/node_modules            # built-in find-my-way adapter, --anchor find-my-way
//   node tools/check-router-conformance.mjs --adapter ./sloe-conformance.mjs --anchor gin [--topic trailing-slash] [--verbose]
//   node tools/check-router-conformance.mjs --adapter ./sloe-conformance.mjs --policy sloe   # the oracle per topic (see below)
//
// --anchor picks whose behaviour is the oracle for every lookup/registration:
// httprouter | gin | find-my-way (default: the adapter's `anchor`, else gin).
// Cases the chosen anchor did not run (ranOn) are skipped.
//
// Adapter module: `export default async ({ load }) => ({
//   name, anchor?,                       // anchor the router means to follow
//   create(config, syntax, anchor) -> {  // config = case.config[anchor] || {}; syntax = 'httprouter' | 'find-my-way'; anchor = the oracle
//     add(method, path),                 // must throw to reject a registration
//     lookup(method, path) -> outcome,   // {route, params} | {status:404} | {status, redirect} | {status:405, allow:[...]}
//   } })`
// `path` is in the case's syntax; translate if the router uses another one
// (httprouter "*name" <-> find-my-way "*", "\:" <-> "::"). Params follow the
// case syntax (see conventions.params in the data file).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (n, d) => { const i = argv.indexOf(n); return i >= 0 ? argv[i + 1] : d; };
const DATA = path.resolve(opt('--data', path.join(here, '..', 'test', 'data', 'router-conformance.json')));
const MODULES = path.resolve(opt('--modules', path.join(process.cwd(), 'node_modules')));
const VERBOSE = argv.includes('--verbose');
const TOPIC = opt('--topic', null);
const req = createRequire(path.join(MODULES, '_check_.js'));
const load = async (name) => {
  try { return req(name); } catch (e) {
    if (e.code !== 'ERR_REQUIRE_ESM') throw e;
    return import(pathToFileURL(req.resolve(name)).href);
  }
};

// Built-in: find-my-way (self-check of the data file).
const fmwAdapter = async () => {
  const FMW = await load('find-my-way');
  const toFmw = (p) => p.replace(/\*[A-Za-z0-9_]+$/, '*').replace(/\\:/g, '::');
  return {
    name: 'find-my-way', anchor: 'find-my-way',
    create(config, syntax) {
      const r = FMW(config);
      return {
        add: (m, p) => r.on(m, syntax === 'httprouter' ? toFmw(p) : p, () => {}, p),
        lookup: (m, p) => {
          const x = r.find(m, p);
          if (!x) return { status: 404 };
          const params = {};
          const ca = (x.store.match(/\*([A-Za-z0-9_]+)$/) || [])[1];
          for (const [k, v] of Object.entries(x.params)) {
            if (syntax === 'httprouter' && k === '*' && ca) params[ca] = '/' + v; else params[k] = v;
          }
          return { route: x.store, params };
        },
      };
    },
  };
};

const eqParams = (a = {}, b = {}) => {
  const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};
function same(want, got) {
  if (!got) return false;
  if (want.error) return true; // request refused by the Go stack (net/http); not routable there: not judged
  if (want.route !== undefined && want.route !== null) return got.route === want.route && eqParams(want.params, got.params);
  if (want.redirect) return got.redirect === want.redirect && got.status === want.status;
  if (want.status === 405) return got.status === 405 && [...(got.allow || [])].sort().join() === [...want.allow].sort().join();
  return !got.route && (got.status ?? 404) === (want.status ?? 404) && !got.redirect;
}

const adapterFile = opt('--adapter', null);
const adapter = adapterFile ? await (await import(pathToFileURL(path.resolve(adapterFile)).href)).default({ load }) : await fmwAdapter();
const FIXED_ANCHOR = opt('--anchor', null);
// --policy sloe: the oracle is chosen per case, by topic: redirects follow httprouter (301 GET, 308 others),
// raw-path matching, decoding and find-my-way's extra syntax follow find-my-way, everything else gin.
// Cases needing options sloe does not offer are skipped.
const POLICY = opt('--policy', null);
const REDIRECT_TOPICS = ['trailing-slash', 'clean-path', 'case-insensitive'];
const FMW_TOPICS = ['percent-encoding', 'unicode', 'regex-param', 'multi-param-segment', 'optional-param', 'param-suffix', 'mid-segment-param', 'escaped-colon', 'duplicate-slashes'];
const UNSUPPORTED = (a, cfg) => (a === 'gin' && (cfg.RemoveExtraSlash === true || cfg.UnescapePathValues === false)) || (a === 'find-my-way' && cfg.ignoreDuplicateSlashes === true);
function anchorFor(c) {
  if (!POLICY) return FIXED_ANCHOR || adapter.anchor || 'gin';
  const ran = c.ranOn || ['httprouter', 'gin', 'find-my-way'];
  const want = c.topic.some((t) => REDIRECT_TOPICS.includes(t)) ? 'httprouter'
    : (c.syntax === 'find-my-way' || c.topic.some((t) => FMW_TOPICS.includes(t))) ? 'find-my-way' : 'gin';
  return ran.includes(want) ? want : 'gin';
}
const ANCHOR = POLICY ? `policy ${POLICY}` : (FIXED_ANCHOR || adapter.anchor || 'gin');
const data = JSON.parse(readFileSync(DATA, 'utf8'));

let pass = 0, fail = 0, skipped = 0;
const failures = [];
for (const c of data.cases) {
  const ANCHOR = anchorFor(c);
  const ran = c.ranOn || ['httprouter', 'gin', 'find-my-way'];
  if (UNSUPPORTED(ANCHOR, (c.config && c.config[ANCHOR]) || {})) { skipped++; continue; }
  if (!ran.includes(ANCHOR) || (TOPIC && !c.topic.includes(TOPIC))) { skipped++; continue; }
  const r = adapter.create((c.config && c.config[ANCHOR]) || {}, c.syntax, ANCHOR);
  for (const rt of c.routes) {
    const want = rt.throwsBy ? rt.throwsBy[ANCHOR] : !!rt.throws;
    let threw = false;
    try { r.add(rt.method, rt.path); } catch { threw = true; }
    if (threw === want) pass++; else { fail++; failures.push(`${c.id}: register ${rt.method} ${rt.path}: threw=${threw}, ${ANCHOR} threw=${want}`); }
  }
  for (const l of c.lookups) {
    const want = c.reflects === ANCHOR || !l.anchors || l.anchors[ANCHOR] === 'same' ? l.expect : l.anchors[ANCHOR];
    let got;
    try { got = r.lookup(l.method, l.path); } catch (e) { got = { error: String(e.message || e) }; }
    if (same(want, got)) pass++; else { fail++; failures.push(`${c.id}: ${l.method} ${l.path.slice(0, 80)} -> ${JSON.stringify(got)}; ${ANCHOR}: ${JSON.stringify(want)}`); }
  }
}
if (VERBOSE || fail) for (const f of failures.slice(0, VERBOSE ? Infinity : 40)) console.log('FAIL ' + f);
console.log(`${adapter.name} vs ${ANCHOR} (${path.basename(DATA)}, ${skipped} cases skipped)`);
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
