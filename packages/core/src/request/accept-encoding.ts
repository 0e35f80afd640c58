/** A content coding sloe produces. */
export type ContentCoding = 'br' | 'gzip' | 'deflate';

/** The codings sloe produces, in its order of preference. */
export const CONTENT_CODINGS: readonly ContentCoding[] = ['br', 'gzip', 'deflate'];

/** The q-value of each coding an `Accept-Encoding` value names, lower-cased (`x-gzip` as `gzip`). */
function weights(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const member of header.split(',')) {
    const [name = '', ...params] = member.split(';');
    let coding = name.trim().toLowerCase();
    if (coding === '') continue;
    if (coding === 'x-gzip') coding = 'gzip';
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m !== null) q = Number(m[1]);
    }
    // A coding named twice keeps its first weight.
    if (!out.has(coding)) out.set(coding, q);
  }
  return out;
}

/**
 * The codings of `offered` an `Accept-Encoding` value accepts (RFC 9110 §12.5.3), best first:
 * by q-value, ties going to the earlier in `offered`; `*` weighs every coding the header does
 * not name; q=0 refuses. Empty when the header is absent (the body is then sent as it is).
 */
export function acceptedEncodings<C extends string>(header: string | null | undefined, offered: readonly C[]): C[] {
  if (header === null || header === undefined) return [];
  const w = weights(header);
  const any = w.get('*') ?? 0;
  const ranked = offered.map((coding, i) => ({ coding, i, q: w.get(coding) ?? any })).filter((r) => r.q > 0);
  ranked.sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.coding);
}

/** The coding to answer with: the best of {@link acceptedEncodings}, or undefined. */
export function negotiateEncoding(header: string | null | undefined, offered: readonly ContentCoding[]): ContentCoding | undefined {
  if (header === null || header === undefined) return undefined;
  return acceptedEncodings(header, offered)[0];
}
