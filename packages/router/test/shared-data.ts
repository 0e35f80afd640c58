import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared conformance data directory (`../shared/data` beside the repository). */
export const DATA_DIR = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

/**
 * Skips the calling test (or suite) when the shared data is absent, except under CI=true where a
 * missing dependency is a failure. Returns true when the data is there.
 */
export function requireData(ctx: Mocha.Context, relative: string): boolean {
  if (existsSync(DATA_DIR + relative)) return true;
  if (process.env.CI === 'true') throw new Error(`shared data missing: ${DATA_DIR}${relative}`);
  ctx.skip();
  return false;
}

/** Parses a JSON file of the shared data. */
export function readData(relative: string): unknown {
  return JSON.parse(readFileSync(DATA_DIR + relative, 'utf8'));
}

/** The names of the route sets in `routes/` (files with a sibling `.requests.json`). */
export function routeSetNames(): string[] {
  if (!existsSync(DATA_DIR + 'routes')) return [];
  return readdirSync(DATA_DIR + 'routes')
    .filter((f) => f.endsWith('.requests.json'))
    .map((f) => f.slice(0, -'.requests.json'.length))
    .sort();
}
