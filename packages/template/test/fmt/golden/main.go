// Command golden writes the expected outputs of the fmt tests, computed by real Go's fmt and
// strconv, as TypeScript modules: from this directory, `GO111MODULE=off go run .` writes
// ../golden.ts (Sprintf, Sprint, Sprintln) and ../golden-floats.ts (FormatFloat). Each operand
// is written twice: the Go value that fmt formats and the JavaScript expression that stands for
// it under DESIGN.md's value mapping.
package main

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// arg is one operand: its Go value and the equivalent JavaScript expression.
type arg struct {
	v  any
	js string
}

func I(n int) arg     { return arg{n, strconv.Itoa(n)} }
func I64(n int64) arg { return arg{n, strconv.FormatInt(n, 10) + "n"} }
func S(s string) arg  { return arg{s, jsString(s)} }
func B(b bool) arg    { return arg{b, strconv.FormatBool(b)} }
func Nil() arg        { return arg{nil, "null"} }

// F is a float64 that JavaScript also sees as a float64: non-integral, -0, or beyond 2^53.
func F(f float64) arg {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 && !(f == 0 && math.Signbit(f)) {
		panic(fmt.Sprintf("F(%v) is an int in JavaScript; use IF", f))
	}
	return arg{f, jsFloat(f)}
}

// IF is an integral JavaScript number under a float verb: DESIGN.md's deliberate rule formats
// it as the float it is, so the expected output is Go's for float64(n).
func IF(n int) arg { return arg{float64(n), strconv.Itoa(n)} }

func L(items ...arg) arg {
	vs := make([]any, len(items))
	js := make([]string, len(items))
	for i, a := range items {
		vs[i] = a.v
		js[i] = a.js
	}
	return arg{vs, "[" + strings.Join(js, ", ") + "]"}
}

// M builds a map[string]interface{} from key, value pairs (a plain object in JavaScript).
func M(kv ...any) arg {
	m := map[string]any{}
	var js []string
	for i := 0; i < len(kv); i += 2 {
		k := kv[i].(string)
		a := kv[i+1].(arg)
		m[k] = a.v
		js = append(js, jsString(k)+": "+a.js)
	}
	if len(js) == 0 {
		return arg{m, "{}"}
	}
	return arg{m, "{ " + strings.Join(js, ", ") + " }"}
}

// MapOf is M written as a JavaScript Map.
func MapOf(kv ...any) arg {
	a := M(kv...)
	var js []string
	for i := 0; i < len(kv); i += 2 {
		js = append(js, "["+jsString(kv[i].(string))+", "+kv[i+1].(arg).js+"]")
	}
	return arg{a.v, "new Map<string, unknown>([" + strings.Join(js, ", ") + "])"}
}

// C is a complex128.
func C(re, im float64) arg {
	return arg{complex(re, im), "new Complex128(" + jsFloat(re) + ", " + jsFloat(im) + ")"}
}

// F64 is an integral float64, which JavaScript spells Float64 (a template constant such as 1.0).
func F64(f float64) arg { return arg{f, "new Float64(" + jsFloat(f) + ")"} }

// NilPoint is a nil *Point.
func NilPoint() arg { return arg{(*Point)(nil), "new TypedNil('*main.Point')"} }

// H is html/template's HTML, one of the named string types.
func H(s string) arg { return arg{template.HTML(s), "new HTML(" + jsString(s) + ")"} }

func Bytes(s string) arg {
	var js []string
	for _, c := range []byte(s) {
		js = append(js, strconv.Itoa(int(c)))
	}
	return arg{[]byte(s), "new Uint8Array([" + strings.Join(js, ", ") + "])"}
}

type Point struct{ X, Y int }
type Person struct {
	Name string
	Age  int
	Tags []any
}
type Named struct{ N string }

func (n Named) String() string { return "<" + n.N + ">" }

// Reentrant's String method calls Sprintf itself.
type Reentrant struct{ N int }

func (r Reentrant) String() string { return fmt.Sprintf("<%05.1f|%[1]x>", float64(r.N)) }

type Panicky struct{ N int }

func (p Panicky) String() string { panic("no string") }

func P(x, y int) arg   { return arg{Point{x, y}, fmt.Sprintf("new Point(%d, %d)", x, y)} }
func PP(x, y int) arg  { return arg{&Point{x, y}, fmt.Sprintf("new PointerToPoint(%d, %d)", x, y)} }
func N(n string) arg   { return arg{Named{n}, "new Named(" + jsString(n) + ")"} }
func Err(m string) arg { return arg{errors.New(m), "new Error(" + jsString(m) + ")"} }
func Re(n int) arg     { return arg{Reentrant{n}, fmt.Sprintf("new Reentrant(%d)", n)} }
func Pan(n int) arg    { return arg{Panicky{n}, fmt.Sprintf("new Panicky(%d)", n)} }
func Per(name string, age int, tags ...arg) arg {
	t := L(tags...)
	return arg{Person{name, age, t.v.([]any)}, fmt.Sprintf("new Person(%s, %d, %s)", jsString(name), age, t.js)}
}

func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch {
		case r == '\'' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xad:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func jsFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0 && math.Signbit(f):
		return "-0"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// A case: name, format, operands.
type printfCase struct {
	name   string
	format string
	args   []arg
}

func c(name, format string, args ...arg) printfCase { return printfCase{name, format, args} }

func main() {
	tables := []struct {
		name  string
		cases []printfCase
	}{
		{"integers", integerCases()},
		{"strings", stringCases()},
		{"floats", floatCases()},
		{"composites", compositeCases()},
		{"errors", errorCases()},
		{"random", randomCases()},
	}
	w, err := os.Create("../golden.ts")
	if err != nil {
		panic(err)
	}
	defer w.Close()
	writeFloats("../golden-floats.ts")
	fmt.Fprintln(w, "// Generated by golden/main.go from real Go "+strings.TrimPrefix(goVersion(), "go")+"'s fmt: do not edit by hand.")
	fmt.Fprintln(w, "// Each row: name, format, operands (the JavaScript values standing for Go's), Go's output.")
	fmt.Fprintln(w, "import { Complex128, Float64, TypedNil } from '../../src/fmt/index.js';")
	fmt.Fprintln(w, "import { HTML, Named, Panicky, Person, Point, PointerToPoint, Reentrant } from './operands.js';")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "/** A Sprintf case: name, format, operands, and the string real Go printed. */")
	fmt.Fprintln(w, "export type PrintfCase = [name: string, format: string, args: unknown[], want: string];")
	fmt.Fprintln(w, "/** A Sprint/Sprintln case: name, operands, and the string real Go printed. */")
	fmt.Fprintln(w, "export type PrintCase = [name: string, args: unknown[], want: string];")
	for _, t := range tables {
		fmt.Fprintf(w, "\nexport const %sCases: PrintfCase[] = [\n", t.name)
		seen := map[string]bool{}
		for _, tc := range t.cases {
			if seen[tc.name] {
				panic("duplicate case name " + tc.name)
			}
			seen[tc.name] = true
			vs := make([]any, len(tc.args))
			js := make([]string, len(tc.args))
			for i, a := range tc.args {
				vs[i] = a.v
				js[i] = a.js
			}
			got := fmt.Sprintf(tc.format, vs...)
			fmt.Fprintf(w, "  [%s, %s, [%s], %s],\n", jsString(tc.name), jsString(tc.format), strings.Join(js, ", "), jsString(got))
		}
		fmt.Fprintln(w, "];")
	}
	printCases(w)
}

func printCases(w *os.File) {
	cases := []struct {
		name string
		args []arg
	}{
		{"no operands", nil},
		{"one string", []arg{S("a")}},
		{"two strings are not separated", []arg{S("a"), S("b")}},
		{"two numbers are separated", []arg{I(1), I(2)}},
		{"a string between numbers is not separated", []arg{I(1), S("x"), I(2)}},
		{"numbers, bools and nil are separated", []arg{I(1), B(true), Nil(), F(2.5)}},
		{"nil next to a string", []arg{Nil(), S("s"), Nil()}},
		{"composites are separated", []arg{L(I(1)), M("a", I(1)), P(1, 2)}},
		{"floats print shortest", []arg{F(0.1), F(1e21), F(1.5e-7)}},
		{"a Stringer prints its String", []arg{N("x"), I(1)}},
		{"an error prints its message", []arg{Err("bad"), S("!")}},
		{"a named string type counts as a string", []arg{I(1), H("<b>"), I(2), H("x")}},
		{"complex numbers and typed nils", []arg{C(1, 2), NilPoint(), C(-1.5, -0.25)}},
		{"integral float64s print as floats", []arg{F64(1), F64(1e6), F64(-3), F64(1e9)}},
	}
	for _, fn := range []string{"sprint", "sprintln"} {
		fmt.Fprintf(w, "\nexport const %sCases: PrintCase[] = [\n", fn)
		for _, tc := range cases {
			vs := make([]any, len(tc.args))
			js := make([]string, len(tc.args))
			for i, a := range tc.args {
				vs[i] = a.v
				js[i] = a.js
			}
			var got string
			if fn == "sprint" {
				got = fmt.Sprint(vs...)
			} else {
				got = fmt.Sprintln(vs...)
			}
			fmt.Fprintf(w, "  [%s, [%s], %s],\n", jsString(tc.name), strings.Join(js, ", "), jsString(got))
		}
		fmt.Fprintln(w, "];")
	}
}

func goVersion() string { return runtime.Version() }
