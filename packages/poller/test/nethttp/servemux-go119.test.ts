// ServeMux against Go 1.19's ServeMux on patterns without methods or wildcards: the table in
// test/data/servemux-go119.json is what Go did (tools/go-servemux-ref).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ServeMux } from '../../src/nethttp/serve-mux.js';
import { fakeRequest, Recorder } from './recorder.js';

interface Want {
  pattern: string;
  status: number;
  location: string;
  allow: string;
  contentType: string;
  body: string;
}
interface Group {
  name: string;
  patterns: string[];
  requests: { method: string; target: string; host: string; want: Want }[];
}

const file = new URL('../../../../test/data/servemux-go119.json', import.meta.url);
const data = JSON.parse(readFileSync(file, 'utf8')) as { go: string; groups: Group[] };

describe(`ServeMux, as ${data.go}'s on patterns without methods or wildcards`, () => {
  for (const g of data.groups) {
    describe(`${g.name}: ${g.patterns.join(' ')}`, () => {
      const mux = new ServeMux();
      for (const p of g.patterns) mux.handleFunc(p, (w) => w.end('handler ' + p));
      for (const q of g.requests) {
        it(`${q.method} ${q.host}${q.target === '*' ? ' *' : q.target} -> ${q.want.status} ${q.want.location || q.want.pattern}`, async () => {
          const r = fakeRequest(q.method, q.target, q.host);
          expect(mux.handler(r).pattern, 'pattern').to.equal(q.want.pattern);
          const w = new Recorder();
          await mux.serveHTTP(w, r);
          const got = {
            pattern: q.want.pattern,
            status: w.status,
            location: w.header().get('location') ?? '',
            allow: w.header().get('allow') ?? '',
            contentType: w.header().get('content-type') ?? '',
            body: w.body,
          };
          expect(got).to.deep.equal(q.want);
        });
      }
    });
  }
});
