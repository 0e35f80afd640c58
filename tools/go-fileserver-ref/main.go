// Command go-fileserver-ref runs requests through Go's http.FileServer(http.Dir(root)).
//
// Usage: go run . <root> < cases.json > results.json
//
// Input (stdin): a JSON array of requests {"name", "method", "target", "headers"}. Every file
// and directory under root first gets the modification time 2020-01-02T03:04:05Z, so that
// Last-Modified and the conditional requests do not depend on the checkout. Output (stdout):
// the requests, each with what Go did: status, the headers that matter (Content-Type,
// Content-Length, Content-Range, Accept-Ranges, Last-Modified, Location) and the body, the
// random multipart boundary replaced by BOUNDARY.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

type request struct {
	Name    string            `json:"name"`
	Method  string            `json:"method"`
	Target  string            `json:"target"`
	Headers map[string]string `json:"headers,omitempty"`
	Want    *result           `json:"want,omitempty"`
}

type result struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

var kept = []string{"Content-Type", "Content-Length", "Content-Range", "Accept-Ranges", "Last-Modified", "Location"}

func main() {
	root := os.Args[1]
	mtime := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, mtime, mtime)
	})
	if err != nil {
		panic(err)
	}
	var reqs []request
	if err := json.NewDecoder(os.Stdin).Decode(&reqs); err != nil {
		panic(err)
	}
	h := http.FileServer(http.Dir(root))
	for i := range reqs {
		q := &reqs[i]
		raw := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: example.com\r\n", q.Method, q.Target)
		for k, v := range q.Headers {
			raw += k + ": " + v + "\r\n"
		}
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw + "\r\n")))
		if err != nil {
			panic(err)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := &result{Status: rec.Code, Headers: map[string]string{}, Body: rec.Body.String()}
		for _, k := range kept {
			if v := rec.Header().Get(k); v != "" {
				res.Headers[k] = v
			}
		}
		if ct := res.Headers["Content-Type"]; strings.HasPrefix(ct, "multipart/byteranges; boundary=") {
			b := strings.TrimPrefix(ct, "multipart/byteranges; boundary=")
			res.Headers["Content-Type"] = "multipart/byteranges; boundary=BOUNDARY"
			res.Body = strings.ReplaceAll(res.Body, b, "BOUNDARY")
		}
		q.Want = res
	}
	out := map[string]interface{}{"go": runtime.Version(), "requests": reqs}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
