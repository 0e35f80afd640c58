// The value every escaper and filter writes in place of one it cannot make safe. It lives in a
// file of its own so that the escapers (html.ts, css.ts, url.ts) and the transitions they use
// never import each other in a circle.

/** The word written in place of a value that cannot be made safe where it appears. */
export const filterFailsafe = 'ZgotmplZ';
