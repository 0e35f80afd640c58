// Table-driven character replacement, the core of every escaper. Hot path: a first loop finds
// the first character needing replacement and the input is returned unchanged when there is
// none; charCodeAt loops beat regular expressions on the short strings templates print.

/** Replacements indexed by UTF-16 code unit, for code units below the table's length. */
export type ReplacementTable = readonly (string | undefined)[];

/** A dense table from a map of single characters to their replacements. */
export function replacementTable(map: Readonly<Record<string, string>>): ReplacementTable {
  const table: (string | undefined)[] = [];
  for (const [ch, repl] of Object.entries(map)) table[ch.charCodeAt(0)] = repl;
  return Array.from({ length: table.length }, (_, i) => table[i]);
}

/**
 * Replaces every code unit of `s` that has an entry in `table`, or for which `extra` returns
 * a replacement (used for code units beyond the table: U+2028, noncharacters).
 */
export function replaceChars(s: string, table: ReplacementTable, extra?: (c: number) => string | undefined): string {
  const n = s.length;
  const size = table.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < size ? table[c] !== undefined : extra !== undefined && extra(c) !== undefined) break;
  }
  if (i === n) return s;
  let out = '';
  let written = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    const repl = c < size ? table[c] : extra?.(c);
    if (repl === undefined) continue;
    out += s.slice(written, i) + repl;
    written = i + 1;
  }
  return out + s.slice(written);
}
