// The builtin functions with their argument checks and errors. Expected results were produced by real Go 1.19 (gotmpl-ref).
import { checkGoCase, type GoCase } from './helpers/go-case.js';

const cases: GoCase[] = [
  {"name": "and returns the deciding value", "templates": {"t": "{{and 1 0 2}} {{and 1 2}}"}, "want": {"output": "0 2"}},
  {"name": "or returns the deciding value", "templates": {"t": "{{or 0 \"\" \"x\"}} {{or 0 \"\"}}"}, "want": {"output": "x "}},
  {"name": "and short-circuits", "templates": {"t": "{{and false (fail \"no\")}}"}, "funcs": ["fail"], "want": {"output": "false"}},
  {"name": "or short-circuits", "templates": {"t": "{{or true (fail \"no\")}}"}, "funcs": ["fail"], "want": {"output": "true"}},
  {"name": "not", "templates": {"t": "{{not 0}} {{not \"x\"}}"}, "want": {"output": "true false"}},
  {"name": "len of string counts bytes", "templates": {"t": "{{len \"héllo\"}}"}, "want": {"output": "6"}},
  {"name": "len of slice and map", "templates": {"t": "{{len .items}} {{len .m}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"output": "3 3"}},
  {"name": "len of int fails", "templates": {"t": "{{len 3}}"}, "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <len 3>: error calling len: len of type int"}},
  {"name": "index of slice and map", "templates": {"t": "{{index .items 1}} {{index .m \"b\"}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"output": "b 2"}},
  {"name": "index of nested", "templates": {"t": "{{index .nested \"x\" \"y\"}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"output": "deep"}},
  {"name": "index out of range", "templates": {"t": "{{index .items 5}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <index .items 5>: error calling index: index out of range: 5"}},
  {"name": "index missing map key", "templates": {"t": "{{index .m \"zz\"}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"output": "<no value>"}},
  {"name": "slice of slice", "templates": {"t": "{{slice .items 1}} {{slice .items 1 2}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"output": "[b c] [b]"}},
  {"name": "slice of string", "templates": {"t": "{{slice \"hello\" 1 3}}"}, "want": {"output": "el"}},
  {"name": "slice bad range", "templates": {"t": "{{slice .items 2 1}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <slice .items 2 1>: error calling slice: invalid slice index: 2 > 1"}},
  {"name": "print", "templates": {"t": "{{print 1 2 \"a\" \"b\" 3}}"}, "want": {"output": "1 2ab3"}},
  {"name": "println", "templates": {"t": "{{println 1 \"a\"}}"}, "want": {"output": "1 a\n"}},
  {"name": "printf verbs", "templates": {"t": "{{printf \"%d|%5.2f|%x|%q|%v|%T\" 42 3.14159 255 \"hi\" .items .f}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"output": "42| 3.14|ff|\"hi\"|[a b c]|float64"}},
  {"name": "printf missing and extra", "templates": {"t": "{{printf \"%d %d\" 1}} {{printf \"%d\" 1 2}}"}, "want": {"output": "1 %!d(MISSING) 1%!(EXTRA int=2)"}},
  {"name": "html escapes", "templates": {"t": "{{html \"<a href='x'>&</a>\"}}"}, "want": {"output": "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"}},
  {"name": "js escapes", "templates": {"t": "{{js \"a'b\\\"c<d>=\\\\\"}}"}, "want": {"output": "a\\'b\\\"c\\u003Cd\\u003E\\u003D\\\\"}},
  {"name": "urlquery", "templates": {"t": "{{urlquery \"a b&c=d/é\"}}"}, "want": {"output": "a+b%26c%3Dd%2F%C3%A9"}},
  {"name": "call a func value", "templates": {"t": "{{call (mkAdder) 2 3}}"}, "funcs": ["mkAdder"], "want": {"output": "5"}},
  {"name": "call with wrong arity", "templates": {"t": "{{call (mkAdder) 2}}"}, "funcs": ["mkAdder"], "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <call (mkAdder) 2>: error calling call: wrong number of args: got 1 want 2"}},
  {"name": "call of non-function", "templates": {"t": "{{call 3}}"}, "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <call 3>: error calling call: non-function of type int"}},
  {"name": "eq with several arguments", "templates": {"t": "{{eq 2 1 2}} {{eq \"a\" \"b\" \"c\"}}"}, "want": {"output": "true false"}},
  {"name": "ne lt le gt ge", "templates": {"t": "{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1 2}}"}, "want": {"output": "true true true true false"}},
  {"name": "comparing string with number fails", "templates": {"t": "{{lt \"a\" 1}}"}, "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <lt \"a\" 1>: error calling lt: incompatible types for comparison"}},
  {"name": "eq of incompatible types fails", "templates": {"t": "{{eq \"a\" 1}}"}, "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <eq \"a\" 1>: error calling eq: incompatible types for comparison"}},
  {"name": "comparing bools with lt fails", "templates": {"t": "{{lt true false}}"}, "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison"}},
  {"name": "eq with nil", "templates": {"t": "{{eq .nil nil}}"}, "data": {"name": "World", "items": ["a", "b", "c"], "m": {"b": 2, "a": 1, "c": 3}, "n": 0, "f": 2.5, "empty": [], "nested": {"x": {"y": "deep"}}, "nil": null, "t": true, "s": "<b>&'\"</b>"}, "want": {"output": "true"}},
  {"name": "eq needs two arguments", "templates": {"t": "{{eq 1}}"}, "want": {"error": "exec", "message": "template: t:1:2: executing \"t\" at <eq 1>: error calling eq: missing argument for comparison"}},

];

describe('builtins', () => {
  for (const c of cases) it(c.name, () => checkGoCase(c));
});
