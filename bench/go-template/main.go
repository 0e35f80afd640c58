// Command go-template renders the template benchmark's page with Go's html/template, as the
// anchor for @sloe/template (see ../template.bench.ts, which builds and runs it).
//
//	go-template -template page.tmpl -data data.json [-runs 5] [-ms 300] [-out rendered.html]
//
// It prints one JSON line: the median microseconds per render over the runs, and each run's.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html/template"
	"log"
	"os"
	"sort"
	"time"
)

// Row and Page are the benchmark's data; the JSON uses the same field names.
type Row struct {
	ID     int
	Name   string
	Email  string
	Bio    string
	Score  float64
	Active bool
}

type Page struct {
	Title string
	Rows  []Row
}

func main() {
	tmplPath := flag.String("template", "", "template file")
	dataPath := flag.String("data", "", "JSON data file")
	runs := flag.Int("runs", 5, "timed runs")
	ms := flag.Int("ms", 300, "milliseconds per run")
	out := flag.String("out", "", "write one rendering here, to compare outputs")
	flag.Parse()

	text, err := os.ReadFile(*tmplPath)
	if err != nil {
		log.Fatal(err)
	}
	raw, err := os.ReadFile(*dataPath)
	if err != nil {
		log.Fatal(err)
	}
	var page Page
	if err := json.Unmarshal(raw, &page); err != nil {
		log.Fatal(err)
	}
	t := template.Must(template.New("page").Parse(string(text)))

	var buf bytes.Buffer
	render := func() {
		buf.Reset()
		if err := t.Execute(&buf, page); err != nil {
			log.Fatal(err)
		}
	}
	render()
	if *out != "" {
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	// Warm up, as the JavaScript engines are warmed up.
	measure(render, time.Duration(*ms)*time.Millisecond)

	perRun := make([]float64, *runs)
	for i := range perRun {
		perRun[i] = measure(render, time.Duration(*ms)*time.Millisecond)
	}
	sorted := append([]float64(nil), perRun...)
	sort.Float64s(sorted)
	res, _ := json.Marshal(map[string]any{"median": sorted[len(sorted)/2], "runs": perRun})
	fmt.Println(string(res))
}

// measure renders for about d and returns microseconds per render.
func measure(render func(), d time.Duration) float64 {
	n := 0
	start := time.Now()
	for time.Since(start) < d {
		for i := 0; i < 10; i++ {
			render()
		}
		n += 10
	}
	return float64(time.Since(start).Microseconds()) / float64(n)
}
