import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The conformance data directory (`test/data` at the repository's root; sources in its README). */
export const DATA_DIR = fileURLToPath(new URL('../../../test/data/', import.meta.url));

/** Parses a JSON file of the conformance data. */
export function readData(relative: string): unknown {
  return JSON.parse(readFileSync(DATA_DIR + relative, 'utf8'));
}

/** The names of the route sets in `routes/` (files with a sibling `.requests.json`). */
export function routeSetNames(): string[] {
  return readdirSync(DATA_DIR + 'routes')
    .filter((f) => f.endsWith('.requests.json'))
    .map((f) => f.slice(0, -'.requests.json'.length))
    .sort();
}
