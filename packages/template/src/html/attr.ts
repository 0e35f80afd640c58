// The content type of each HTML attribute's value, which decides how an action inside the
// value is escaped (Go's attrTypeMap and attrType).

/** The kinds of content a value can be known to be (Go's `contentType`). */
export const ContentType = {
  Plain: 0,
  CSS: 1,
  HTML: 2,
  HTMLAttr: 3,
  JS: 4,
  JSStr: 5,
  URL: 6,
  Srcset: 7,
  /** An attribute whose value cannot be made safe, such as `type` or `rel`. */
  Unsafe: 8,
} as const;
/** One of {@link ContentType}'s values. */
export type ContentType = (typeof ContentType)[keyof typeof ContentType];

// Attributes not listed here are plain text unless their name says otherwise (see attrType).
const attrTypeMap: ReadonlyMap<string, ContentType> = new Map(
  Object.entries({
  accept: ContentType.Plain,
  'accept-charset': ContentType.Unsafe,
  action: ContentType.URL,
  alt: ContentType.Plain,
  archive: ContentType.URL,
  async: ContentType.Unsafe,
  autocomplete: ContentType.Plain,
  autofocus: ContentType.Plain,
  autoplay: ContentType.Plain,
  background: ContentType.URL,
  border: ContentType.Plain,
  checked: ContentType.Plain,
  cite: ContentType.URL,
  challenge: ContentType.Unsafe,
  charset: ContentType.Unsafe,
  class: ContentType.Plain,
  classid: ContentType.URL,
  codebase: ContentType.URL,
  cols: ContentType.Plain,
  colspan: ContentType.Plain,
  content: ContentType.Unsafe,
  contenteditable: ContentType.Plain,
  contextmenu: ContentType.Plain,
  controls: ContentType.Plain,
  coords: ContentType.Plain,
  crossorigin: ContentType.Unsafe,
  data: ContentType.URL,
  datetime: ContentType.Plain,
  default: ContentType.Plain,
  defer: ContentType.Unsafe,
  dir: ContentType.Plain,
  dirname: ContentType.Plain,
  disabled: ContentType.Plain,
  draggable: ContentType.Plain,
  dropzone: ContentType.Plain,
  enctype: ContentType.Unsafe,
  for: ContentType.Plain,
  form: ContentType.Unsafe,
  formaction: ContentType.URL,
  formenctype: ContentType.Unsafe,
  formmethod: ContentType.Unsafe,
  formnovalidate: ContentType.Unsafe,
  formtarget: ContentType.Plain,
  headers: ContentType.Plain,
  height: ContentType.Plain,
  hidden: ContentType.Plain,
  high: ContentType.Plain,
  href: ContentType.URL,
  hreflang: ContentType.Plain,
  'http-equiv': ContentType.Unsafe,
  icon: ContentType.URL,
  id: ContentType.Plain,
  ismap: ContentType.Plain,
  keytype: ContentType.Unsafe,
  kind: ContentType.Plain,
  label: ContentType.Plain,
  lang: ContentType.Plain,
  language: ContentType.Unsafe,
  list: ContentType.Plain,
  longdesc: ContentType.URL,
  loop: ContentType.Plain,
  low: ContentType.Plain,
  manifest: ContentType.URL,
  max: ContentType.Plain,
  maxlength: ContentType.Plain,
  media: ContentType.Plain,
  mediagroup: ContentType.Plain,
  method: ContentType.Unsafe,
  min: ContentType.Plain,
  multiple: ContentType.Plain,
  name: ContentType.Plain,
  novalidate: ContentType.Unsafe,
  open: ContentType.Plain,
  optimum: ContentType.Plain,
  pattern: ContentType.Unsafe,
  placeholder: ContentType.Plain,
  poster: ContentType.URL,
  profile: ContentType.URL,
  preload: ContentType.Plain,
  pubdate: ContentType.Plain,
  radiogroup: ContentType.Plain,
  readonly: ContentType.Plain,
  rel: ContentType.Unsafe,
  required: ContentType.Plain,
  reversed: ContentType.Plain,
  rows: ContentType.Plain,
  rowspan: ContentType.Plain,
  sandbox: ContentType.Unsafe,
  spellcheck: ContentType.Plain,
  scope: ContentType.Plain,
  scoped: ContentType.Plain,
  seamless: ContentType.Plain,
  selected: ContentType.Plain,
  shape: ContentType.Plain,
  size: ContentType.Plain,
  sizes: ContentType.Plain,
  span: ContentType.Plain,
  src: ContentType.URL,
  srcdoc: ContentType.HTML,
  srclang: ContentType.Plain,
  srcset: ContentType.Srcset,
  start: ContentType.Plain,
  step: ContentType.Plain,
  style: ContentType.CSS,
  tabindex: ContentType.Plain,
  target: ContentType.Plain,
  title: ContentType.Plain,
  type: ContentType.Unsafe,
  usemap: ContentType.URL,
  value: ContentType.Unsafe,
  width: ContentType.Plain,
  wrap: ContentType.Plain,
  xmlns: ContentType.URL,
  }),
);

/**
 * The content type of the attribute named `name` (lower case): `data-` and namespace
 * prefixes are dropped, `on*` is JavaScript, and names containing `src`, `uri` or `url`
 * are URLs.
 */
export function attrType(name: string): ContentType {
  if (name.startsWith('data-')) {
    name = name.slice(5);
  } else {
    const colon = name.indexOf(':');
    if (colon >= 0) {
      if (name.slice(0, colon) === 'xmlns') return ContentType.URL;
      name = name.slice(colon + 1);
    }
  }
  const t = attrTypeMap.get(name);
  if (t !== undefined) return t;
  if (name.startsWith('on')) return ContentType.JS;
  if (name.includes('src') || name.includes('uri') || name.includes('url')) return ContentType.URL;
  return ContentType.Plain;
}
