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

/** The offers of `c.negotiate`, one per representation. */
export interface NegotiateOffers {
  /** Sent as JSON when the client accepts `application/json`. */
  json?: unknown;
  /** Rendered with `c.html` when the client accepts `text/html`. */
  html?: { name: string; data?: unknown };
  /** Sent as text when the client accepts `text/plain`. */
  text?: string;
}

/** What `negotiate` answers through. */
interface Negotiator {
  readonly req: { readonly headers: { get(name: string): string | null } };
  json(code: number, obj: unknown): void;
  html(code: number, name: string, data?: unknown): void;
  string(code: number, format: string): void;
  abortWithStatus(code: number): void;
}

/** Answers with the offer the client prefers by Accept; 406 when none fits. */
export function negotiate(c: Negotiator, code: number, offers: NegotiateOffers): void {
  const types: string[] = [];
  if (offers.json !== undefined) types.push('application/json');
  if (offers.html !== undefined) types.push('text/html');
  if (offers.text !== undefined) types.push('text/plain');
  switch (negotiateType(c.req.headers.get('accept'), types)) {
    case 'application/json':
      c.json(code, offers.json);
      return;
    case 'text/html':
      c.html(code, offers.html!.name, offers.html!.data);
      return;
    case 'text/plain':
      c.string(code, offers.text!);
      return;
    default:
      c.abortWithStatus(406);
  }
}
