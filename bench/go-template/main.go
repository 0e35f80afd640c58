// Command go-template renders the template benchmark's page with Go's html/template, as the
// anchor for @sloe/template (see ../template.bench.ts, which builds and runs it).
//
//	go-template -template page.tmpl -data data.json [-runs 5] [-ms 300] [-out rendered.html]
//
// It prints one JSON line: the median CPU microseconds per render over the runs, and each run's.
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
	"syscall"
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

// measure renders for about d of CPU time and returns CPU microseconds per render. CPU time
// (user and system, every thread: the garbage collector's work counts) rather than wall time,
// so that other processes on a shared machine do not count against the engine.
func measure(render func(), d time.Duration) float64 {
	n := 0
	start := cpuTime()
	elapsed := time.Duration(0)
	for elapsed < d {
		for i := 0; i < 10; i++ {
			render()
		}
		n += 10
		elapsed = cpuTime() - start
	}
	return float64(elapsed.Microseconds()) / float64(n)
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		log.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
