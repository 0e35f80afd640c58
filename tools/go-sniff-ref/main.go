// Command go-sniff-ref runs samples through Go's http.DetectContentType.
//
// Input (stdin): a JSON array of {"name": string, "hex": string}.
// Output (stdout): the same array, each sample with "contentType" set to what Go answered.
package main

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"runtime"
)

type sample struct {
	Name        string `json:"name"`
	Hex         string `json:"hex"`
	ContentType string `json:"contentType"`
}

func main() {
	var samples []sample
	if err := json.NewDecoder(os.Stdin).Decode(&samples); err != nil {
		panic(err)
	}
	for i := range samples {
		b, err := hex.DecodeString(samples[i].Hex)
		if err != nil {
			panic(err)
		}
		samples[i].ContentType = http.DetectContentType(b)
	}
	out := struct {
		Go      string   `json:"go"`
		Samples []sample `json:"samples"`
	}{runtime.Version(), samples}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
