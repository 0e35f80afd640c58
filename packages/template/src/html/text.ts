// The context after a piece of template text: attribute values are HTML-unescaped before the
// transitions see them, and the end of a special element's body is found first.
import { Attr, Delim, Element, State, ctx, errorContext, type Context } from './context.js';
import { delimEnds } from './delim.js';
import { escapeError } from './error.js';
import { unescapeHTML } from './entity.js';
import { isJSType } from './js-context.js';
import { goQuote } from './quote.js';
import { transition, tSpecialTagEnd, type Transition } from './transition.js';

/** Starts in `c`, consumes a token from the front of `s`, and returns the new context and its length. */
export function contextAfterText(c: Context, s: string): Transition {
  if (c.delim === Delim.None) {
    const [c1, i] = tSpecialTagEnd(c, s);
    // A special end tag (`</script>`) was found and all content before it consumed.
    if (i === 0) return [c1, 0];
    return transition(c, s.slice(0, i));
  }
  // Inside an attribute value.
  const ends = delimEnds[c.delim];
  let i = 0;
  while (i < s.length && !ends.includes(s.charAt(i))) i++;
  if (c.delim === Delim.SpaceOrTagEnd) {
    // Parsers disagree on these in unquoted values, so they are errors here.
    const j = s.slice(0, i).search(/["'<=`]/);
    if (j >= 0) {
      const err = escapeError('ErrBadHTML', null, 0, `${goQuote(s.slice(j, j + 1))} in unquoted attr: ${goQuote(s.slice(0, i))}`);
      return [errorContext(err), s.length];
    }
  }
  if (i === s.length) {
    // Still inside the value: decode it so `onclick="alert(&quot;Hi!&quot;)"` reads as JS.
    let u = unescapeHTML(s);
    while (u.length !== 0) {
      const [c1, i1] = transition(c, u);
      c = c1;
      u = u.slice(i1);
    }
    return [c, s.length];
  }
  let element = c.element;
  // A non-JavaScript `type` on a script makes its body plain text.
  if (c.state === State.Attr && c.element === Element.Script && c.attr === Attr.ScriptType && !isJSType(s.slice(0, i))) {
    element = Element.None;
  }
  if (c.delim !== Delim.SpaceOrTagEnd) i++;
  // Leaving the attribute keeps only the state and the element.
  return [ctx({ state: State.Tag, element }), i];
}
