// Command go-servemux-ref runs requests through Go's http.ServeMux.
//
// Input (stdin): a JSON array of groups {"name", "patterns": [...], "requests": [{"method",
// "target", "host"}]}. Each pattern is registered with a handler that answers "handler " and
// its pattern. Output (stdout): the groups, each request given what Go did: the pattern
// ServeMux.Handler returned, and the status, Location, Allow, Content-Type and body of the
// response ServeMux.ServeHTTP wrote (through httptest.ResponseRecorder).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
)

type request struct {
	Method string `json:"method"`
	Target string `json:"target"`
	Host   string `json:"host"`
	Want   *result `json:"want,omitempty"`
}

type result struct {
	Pattern     string `json:"pattern"`
	Status      int    `json:"status"`
	Location    string `json:"location"`
	Allow       string `json:"allow"`
	ContentType string `json:"contentType"`
	Body        string `json:"body"`
}

type group struct {
	Name     string    `json:"name"`
	Patterns []string  `json:"patterns"`
	Requests []request `json:"requests"`
}

func main() {
	var groups []group
	if err := json.NewDecoder(os.Stdin).Decode(&groups); err != nil {
		panic(err)
	}
	for gi := range groups {
		g := &groups[gi]
		mux := http.NewServeMux()
		for _, p := range g.Patterns {
			p := p
			mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, "handler "+p)
			})
		}
		for ri := range g.Requests {
			q := &g.Requests[ri]
			raw := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: %s\r\n\r\n", q.Method, q.Target, q.Host)
			req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
			if err != nil {
				panic(fmt.Sprintf("%s %s: %v", g.Name, q.Target, err))
			}
			_, pattern := mux.Handler(req)
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			res := rec.Result()
			q.Want = &result{
				Pattern:     pattern,
				Status:      res.StatusCode,
				Location:    res.Header.Get("Location"),
				Allow:       res.Header.Get("Allow"),
				ContentType: res.Header.Get("Content-Type"),
				Body:        rec.Body.String(),
			}
		}
	}
	out := struct {
		Go     string  `json:"go"`
		Groups []group `json:"groups"`
	}{runtime.Version(), groups}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
