/** Picks the first of `offers` the Accept header allows, by q-value then order; undefined if none. */
export function negotiateType(accept: string | null | undefined, offers: readonly string[]): string | undefined {
  if (accept === null || accept === undefined || accept.trim() === '') return offers[0];
  const ranges = accept.split(',').map((part, order) => {
    const [range = '', ...params] = part.trim().split(';');
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k === 'q' && v !== undefined) q = Number(v);
    }
    return { range: range.trim().toLowerCase(), q: Number.isNaN(q) ? 0 : q, order };
  });
  let best: string | undefined;
  let bestQ = 0;
  let bestSpecificity = -1;
  for (const offer of offers) {
    const [type, sub] = offer.split('/');
    for (const r of ranges) {
      const [rt, rs] = r.range.split('/');
      const specificity = rt === type && rs === sub ? 2 : rt === type && rs === '*' ? 1 : rt === '*' ? 0 : -1;
      if (specificity < 0 || r.q <= 0) continue;
      if (r.q > bestQ || (r.q === bestQ && best === offer && specificity > bestSpecificity)) {
        best = offer;
        bestQ = r.q;
        bestSpecificity = specificity;
      }
    }
  }
  return best;
}
