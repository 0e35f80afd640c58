package main

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
)

// randomCases draws flag, width, precision and verb combinations over operands of every kind
// from a fixed seed: a net for interactions the hand-written tables do not think of.
func randomCases() []printfCase {
	r := rand.New(rand.NewSource(1))
	flags := []string{"+", "-", "#", " ", "0"}
	verbs := "vdbcoOqxXUeEfFgGstT"
	var cases []printfCase
	for i := 1; len(cases) < 300; i++ {
		f := "%"
		for j := r.Intn(3); j > 0; j-- {
			f += flags[r.Intn(len(flags))]
		}
		if r.Intn(2) == 0 {
			f += fmt.Sprint(r.Intn(12))
		}
		if r.Intn(2) == 0 {
			f += "." + fmt.Sprint(r.Intn(8))
		}
		verb := verbs[r.Intn(len(verbs))]
		f += string(verb)
		a := randomOperand(r, verb)
		cases = append(cases, c(fmt.Sprintf("random %d: %s of %s", i, f, a.js), f, a))
	}
	return cases
}

func randomOperand(r *rand.Rand, verb byte) arg {
	float := strings.IndexByte("eEfFgG", verb) >= 0
	switch r.Intn(7) {
	case 0:
		n := r.Intn(200000) - 100000
		if strings.IndexByte("cqU", verb) >= 0 {
			// Runes assigned after Unicode 13 (Go 1.19's tables) print differently: stay below.
			n = r.Intn(0x800)
		}
		if float {
			// The deliberate rule: an integral number under a float verb is that float.
			return arg{float64(n), fmt.Sprint(n)}
		}
		return I(n)
	case 1:
		x := r.NormFloat64() * math.Pow(10, float64(r.Intn(16)-8))
		if r.Intn(4) == 0 {
			x = float64(r.Intn(2000)-1000)/8 + 0.125
		}
		if x == math.Trunc(x) {
			x += 0.5
		}
		return F(x)
	case 2:
		ss := []string{"", "a", "héllo", "日本語", "tab\there", "q\"uote", "😀x", "`bq`", "\x7f\x01"}
		return S(ss[r.Intn(len(ss))])
	case 3:
		return B(r.Intn(2) == 0)
	case 4:
		return I64(r.Int63() - r.Int63())
	case 5:
		n := r.Intn(100)
		if float {
			return arg{[]any{float64(n), "s", 2.5}, fmt.Sprintf("[%d, 's', 2.5]", n)}
		}
		return L(I(n), S("s"), F(2.5))
	default:
		return Nil()
	}
}
