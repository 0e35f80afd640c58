// Path helpers of match's slow paths: cleaning and toggling or trimming the trailing slash.

/**
 * httprouter's CleanPath: the canonical form of `p` (a single leading `/`, no `//`, `/./` or
 * `/../`), keeping a trailing slash. `..` never climbs above the root.
 */
export function cleanPath(p: string): string {
  if (p === '') return '/';
  const parts = p.split('/');
  const out: string[] = [];
  for (const seg of parts) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const last = parts[parts.length - 1];
  const trailing = p.length > 1 && (last === '' || last === '.');
  const clean = '/' + out.join('/');
  return trailing && clean !== '/' ? clean + '/' : clean;
}

/** `/a/` -> `/a`, `/a` -> `/a/` (the root has no other form and is returned as is). */
export function toggleTrailingSlash(p: string): string {
  if (p === '/') return p;
  return p.endsWith('/') ? p.slice(0, -1) : p + '/';
}

/** Drops one trailing slash (not the root's). */
export function trimTrailingSlash(p: string): string {
  return p.length > 1 && p.charCodeAt(p.length - 1) === 0x2f ? p.slice(0, -1) : p;
}
