// The lexer, on cases taken from Go's text/template/parse/lex_test.go (items as Go expects them).
import { expect } from 'chai';
import { Lexer, type ItemType } from '../src/parse/lexer.js';

type Tok = [ItemType, string];

/** Lexes `input` with comments emitted (as Go's test does) and collects items to EOF or error. */
function lex(input: string, left = '', right = ''): Tok[] {
  const l = new Lexer(input, { leftDelim: left, rightDelim: right, emitComment: true, breakOK: true, continueOK: true });
  const out: Tok[] = [];
  for (;;) {
    const i = l.nextItem();
    out.push([i.type, i.val]);
    if (i.type === 'eof' || i.type === 'error') return out;
  }
}

const L: Tok = ['leftDelim', '{{'];
const R: Tok = ['rightDelim', '}}'];
const SP: Tok = ['space', ' '];
const EOF: Tok = ['eof', ''];

const cases: { name: string; input: string; want: Tok[] }[] = [
  { name: 'empty', input: '', want: [EOF] },
  { name: 'spaces', input: ' \t\n', want: [['text', ' \t\n'], EOF] },
  { name: 'text', input: 'now is the time', want: [['text', 'now is the time'], EOF] },
  {
    name: 'text with comment',
    input: 'hello-{{/* this is a comment */}}-world',
    want: [['text', 'hello-'], ['comment', '/* this is a comment */'], ['text', '-world'], EOF],
  },
  { name: 'punctuation', input: '{{,@% }}', want: [L, ['char', ','], ['char', '@'], ['char', '%'], SP, R, EOF] },
  { name: 'parens', input: '{{((3))}}', want: [L, ['leftParen', '('], ['leftParen', '('], ['number', '3'], ['rightParen', ')'], ['rightParen', ')'], R, EOF] },
  { name: 'empty action', input: '{{}}', want: [L, R, EOF] },
  { name: 'for', input: '{{for}}', want: [L, ['identifier', 'for'], R, EOF] },
  { name: 'block', input: '{{block "foo" .}}', want: [L, ['block', 'block'], SP, ['string', '"foo"'], SP, ['dot', '.'], R, EOF] },
  { name: 'quote', input: '{{"abc \\n\\t\\" "}}', want: [L, ['string', '"abc \\n\\t\\" "'], R, EOF] },
  { name: 'raw quote with newline', input: '{{`now is{{\n}}the time`}}', want: [L, ['rawString', '`now is{{\n}}the time`'], R, EOF] },
  {
    name: 'numbers',
    input: '{{1 02 0x14 -7.2i 1e3 +1.2e-4 1+2i 1_2 0x1.e_fp4}}',
    want: [
      L, ['number', '1'], SP, ['number', '02'], SP, ['number', '0x14'], SP, ['number', '-7.2i'], SP, ['number', '1e3'], SP,
      ['number', '+1.2e-4'], SP, ['complex', '1+2i'], SP, ['number', '1_2'], SP, ['number', '0x1.e_fp4'], R, EOF,
    ],
  },
  {
    name: 'characters',
    input: "{{'a' '\\n' '\\'' '\\u00FF' '本'}}",
    want: [L, ['charConstant', "'a'"], SP, ['charConstant', "'\\n'"], SP, ['charConstant', "'\\''"], SP, ['charConstant', "'\\u00FF'"], SP, ['charConstant', "'本'"], R, EOF],
  },
  { name: 'bools', input: '{{true false}}', want: [L, ['bool', 'true'], SP, ['bool', 'false'], R, EOF] },
  { name: 'nil', input: '{{nil}}', want: [L, ['nil', 'nil'], R, EOF] },
  {
    name: 'dots',
    input: '{{.x . .2 .x.y.z}}',
    want: [L, ['field', '.x'], SP, ['dot', '.'], SP, ['number', '.2'], SP, ['field', '.x'], ['field', '.y'], ['field', '.z'], R, EOF],
  },
  {
    name: 'keywords',
    input: '{{range if else end with}}',
    want: [L, ['range', 'range'], SP, ['if', 'if'], SP, ['else', 'else'], SP, ['end', 'end'], SP, ['with', 'with'], R, EOF],
  },
  {
    name: 'variables',
    input: '{{$c := printf $ $hello $23 $var.Field .Method}}',
    want: [
      L, ['variable', '$c'], SP, ['declare', ':='], SP, ['identifier', 'printf'], SP, ['variable', '$'], SP, ['variable', '$hello'], SP,
      ['variable', '$23'], SP, ['variable', '$var'], ['field', '.Field'], SP, ['field', '.Method'], R, EOF,
    ],
  },
  {
    name: 'pipeline',
    input: 'intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro',
    want: [
      ['text', 'intro '], L, ['identifier', 'echo'], SP, ['identifier', 'hi'], SP, ['number', '1.2'], SP, ['pipe', '|'],
      ['identifier', 'noargs'], ['pipe', '|'], ['identifier', 'args'], SP, ['number', '1'], SP, ['string', '"hi"'], R, ['text', ' outro'], EOF,
    ],
  },
  { name: '2 declarations', input: '{{$v , $w := 3}}', want: [L, ['variable', '$v'], SP, ['char', ','], SP, ['variable', '$w'], SP, ['declare', ':='], SP, ['number', '3'], R, EOF] },
  { name: 'field of parenthesized expression', input: '{{(.X).Y}}', want: [L, ['leftParen', '('], ['field', '.X'], ['rightParen', ')'], ['field', '.Y'], R, EOF] },
  { name: 'trimming spaces before and after', input: 'hello- {{- 3 -}} -world', want: [['text', 'hello-'], L, ['number', '3'], R, ['text', '-world'], EOF] },
  { name: 'trimming spaces around a comment', input: 'hello- {{- /* hello */ -}} -world', want: [['text', 'hello-'], ['comment', '/* hello */'], ['text', '-world'], EOF] },
  { name: 'a minus without a space is a number sign, not a trim marker', input: '{{-3}}', want: [L, ['number', '-3'], R, EOF] },
  { name: 'custom delimiters', input: '[[.x]] {{.y}}', want: [['leftDelim', '[['], ['field', '.x'], ['rightDelim', ']]'], ['text', ' {{.y}}'], EOF] },
  { name: 'badchar', input: '#{{\x01}}', want: [['text', '#'], L, ['error', 'unrecognized character in action: U+0001']] },
  { name: 'unclosed action', input: '{{', want: [L, ['error', 'unclosed action']] },
  { name: 'EOF in action', input: '{{range', want: [L, ['range', 'range'], ['error', 'unclosed action']] },
  { name: 'unclosed quote', input: '{{"\n"}}', want: [L, ['error', 'unterminated quoted string']] },
  { name: 'unclosed raw quote', input: '{{`xx}}', want: [L, ['error', 'unterminated raw quoted string']] },
  { name: 'unclosed char constant', input: "{{'\n}}", want: [L, ['error', 'unterminated character constant']] },
  { name: 'bad number', input: '{{3k}}', want: [L, ['error', 'bad number syntax: "3k"']] },
  { name: 'unclosed paren', input: '{{(3}}', want: [L, ['leftParen', '('], ['number', '3'], ['error', 'unclosed left paren']] },
  { name: 'extra right paren', input: '{{3)}}', want: [L, ['number', '3'], ['rightParen', ')'], ['error', "unexpected right paren U+0029 ')'"]] },
  { name: 'long pipeline', input: '{{|||||}}', want: [L, ['pipe', '|'], ['pipe', '|'], ['pipe', '|'], ['pipe', '|'], ['pipe', '|'], R, EOF] },
  { name: 'text with bad comment', input: 'hello-{{/*/}}-world', want: [['text', 'hello-'], ['error', 'unclosed comment']] },
  { name: 'comment close separated from delim', input: 'hello-{{/* */ }}-world', want: [['text', 'hello-'], ['error', 'comment ends before closing delimiter']] },
  { name: 'unmatched right delimiter is text', input: 'hello-{.}}-world', want: [['text', 'hello-{.}}-world'], EOF] },
];

describe('lexer', () => {
  for (const c of cases) {
    it(c.name, () => {
      const [left, right] = c.name === 'custom delimiters' ? ['[[', ']]'] : ['', ''];
      expect(lex(c.input, left, right)).to.deep.equal(c.want);
    });
  }

  it('records the line each item starts on', () => {
    const l = new Lexer('a\n{{.x\n}}\nb', { leftDelim: '', rightDelim: '', emitComment: false, breakOK: true, continueOK: true });
    const lines: [ItemType, number][] = [];
    for (let i = l.nextItem(); i.type !== 'eof'; i = l.nextItem()) lines.push([i.type, i.line]);
    expect(lines).to.deep.equal([['text', 1], ['leftDelim', 2], ['field', 2], ['space', 2], ['rightDelim', 3], ['text', 3]]);
  });

  it('lexes break and continue as identifiers when a function of that name exists', () => {
    const l = new Lexer('{{break}}', { leftDelim: '', rightDelim: '', emitComment: false, breakOK: false, continueOK: true });
    l.nextItem();
    expect(l.nextItem().type).to.equal('identifier');
  });
});
