// HTML character references in attribute values, decoded before the transitions read them
// (Go's html.UnescapeString). Numeric references are complete; named references cover the
// ones that can change how a value is read (quotes, brackets, ampersands, slashes and
// white space) plus common typographic ones.

const named: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', sol: '/', bsol: '\\', lpar: '(', rpar: ')',
  lsqb: '[', rsqb: ']', lbrack: '[', rbrack: ']', lcub: '{', rcub: '}', lbrace: '{', rbrace: '}', colon: ':',
  semi: ';', comma: ',', period: '.', excl: '!', quest: '?', num: '#', dollar: '$', percnt: '%', ast: '*',
  plus: '+', equals: '=', grave: '`', Tab: '\t', NewLine: '\n', hyphen: '\u2010', copy: '\u00a9', reg: '\u00ae',
  hellip: '\u2026', mdash: '\u2014', ndash: '\u2013', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c',
  rdquo: '\u201d', laquo: '\u00ab', raquo: '\u00bb', middot: '\u00b7', times: '\u00d7', divide: '\u00f7',
};

// Go decodes these without a trailing ';' too, as browsers do for legacy reasons.
const legacy = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg', 'times', 'divide', 'laquo', 'raquo', 'middot']);

// Windows-1252 meanings of the C1 range in numeric references, as the HTML standard says.
const c1Replacements = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function numeric(body: string, hex: boolean): string {
  let cp = parseInt(body, hex ? 16 : 10);
  if (cp >= 0x80 && cp <= 0x9f) cp = c1Replacements[cp - 0x80] ?? cp;
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(cp);
}

/** Decodes the character references in `s`; returns `s` itself when it has no `&`. */
export function unescapeHTML(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#([0-9]+);?|#[xX]([0-9a-fA-F]+);?|([A-Za-z][A-Za-z0-9]*);?)/g, (m, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return numeric(dec, false);
    if (hex !== undefined) return numeric(hex, true);
    if (name === undefined) return m;
    const v = named[name];
    if (v !== undefined && (m.endsWith(';') || legacy.has(name))) return v;
    return m;
  });
}
