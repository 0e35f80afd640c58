// @sloe/router behind the checker's adapter contract. Each anchor's options (and its defaults where
// the case sets none) are mapped onto the router option that has the same effect; find-my-way has no
// redirects, no 405 and no 400, so it is compared with `find`, gin and httprouter with `match`.
import type { Router, RouterOptions } from '../../src/index.js';
import type { Anchor, Outcome, RouterUnderTest } from './judge.js';

type RouterClass = new (options?: RouterOptions) => Router<string>;

function optionsFor(anchor: Anchor, cfg: Record<string, unknown>): RouterOptions {
  const flag = (name: string, fallback: boolean): boolean => (typeof cfg[name] === 'boolean' ? (cfg[name] as boolean) : fallback);
  switch (anchor) {
    case 'find-my-way':
      return {
        caseSensitive: flag('caseSensitive', true),
        ignoreTrailingSlash: flag('ignoreTrailingSlash', false),
        maxParamLength: typeof cfg.maxParamLength === 'number' ? cfg.maxParamLength : 100,
      };
    case 'httprouter':
      return {
        redirectTrailingSlash: flag('RedirectTrailingSlash', true),
        redirectFixedPath: flag('RedirectFixedPath', true),
        handleMethodNotAllowed: flag('HandleMethodNotAllowed', true),
        maxParamLength: Infinity,
      };
    case 'gin':
      return {
        redirectTrailingSlash: flag('RedirectTrailingSlash', true),
        redirectFixedPath: flag('RedirectFixedPath', false),
        handleMethodNotAllowed: flag('HandleMethodNotAllowed', false),
        maxParamLength: Infinity,
      };
  }
}

/** A router under test for one case, built the way the anchor `anchor` is configured by `cfg`. */
export function createRouter(RouterCtor: RouterClass, cfg: Record<string, unknown>, syntax: 'httprouter' | 'find-my-way', anchor: Anchor): RouterUnderTest {
  const router = new RouterCtor(optionsFor(anchor, cfg));
  return {
    add: (method, path) => router.add(method, path, path),
    lookup: (method, path): Outcome => {
      if (anchor === 'find-my-way') {
        const m = router.find(method, path);
        return m === null ? { status: 404 } : { route: m.value, params: m.params.toObject() };
      }
      const m = router.match(method, path);
      switch (m.kind) {
        case 'found':
          return { route: m.value, params: m.params.toObject() };
        case 'redirect':
          return { status: m.status, redirect: m.location };
        case 'method-not-allowed':
          return { status: 405, allow: [...m.allow] };
        case 'bad-request':
          return { status: 400 };
        case 'not-found':
          return { status: 404 };
      }
    },
  };
}

/** The checker's adapter object for `RouterCtor`. */
export function sloeAdapter(RouterCtor: RouterClass): {
  name: string;
  anchor: Anchor;
  create: (cfg: Record<string, unknown>, syntax: 'httprouter' | 'find-my-way', anchor: Anchor) => RouterUnderTest;
} {
  return { name: '@sloe/router', anchor: 'gin', create: (cfg, syntax, anchor) => createRouter(RouterCtor, cfg, syntax, anchor) };
}
