// The lexical items the lexer emits and the parser consumes.
import { goQuote } from './quote.js';

/** The kinds of lexical items. */
export type ItemType =
  | 'error' // value is the error text
  | 'bool'
  | 'char' // printable ASCII character; grab bag for comma etc.
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign' // '='
  | 'declare' // ':='
  | 'eof'
  | 'field' // '.Name'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

/** A lexical item: its type, text, starting offset and the line it starts on. */
export interface Item {
  type: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORD_TYPES: ReadonlySet<ItemType> = new Set<ItemType>([
  'block', 'break', 'continue', 'dot', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with',
]);

/** Go's item.String(), as parse errors quote tokens: `EOF`, `<if>`, `"abcdefghij"...`. */
export function itemString(i: Item): string {
  if (i.type === 'eof') return 'EOF';
  if (i.type === 'error') return i.val;
  if (KEYWORD_TYPES.has(i.type)) return `<${i.val}>`;
  const chars = Array.from(i.val);
  if (chars.length > 10) return `${goQuote(chars.slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}
