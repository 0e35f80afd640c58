// fileServer against Go 1.19's http.FileServer: test/data/fileserver-go119.json is what Go did
// with each request over test/data/fileserver/root (tools/go-fileserver-ref).
import { expect } from 'chai';
import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileServer } from '../../src/nethttp/file-server.js';
import { fakeRequest, Recorder } from './recorder.js';

interface Case {
  name: string;
  method: string;
  target: string;
  headers?: Record<string, string>;
  want: { status: number; headers: Record<string, string>; body: string };
}

const dataDir = new URL('../../../../test/data/', import.meta.url);
const data = JSON.parse(readFileSync(new URL('fileserver-go119.json', dataDir), 'utf8')) as { go: string; requests: Case[] };
const root = fileURLToPath(new URL('fileserver/root', dataDir));
const KEPT = ['Content-Type', 'Content-Length', 'Content-Range', 'Accept-Ranges', 'Last-Modified', 'Location'];

// The modification time the oracle gave every file: a checkout does not keep it.
function touchAll(dir: string, t: Date): void {
  utimesSync(dir, t, t);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) touchAll(p, t);
    else utimesSync(p, t, t);
  }
}

describe(`fileServer, as ${data.go}'s http.FileServer`, () => {
  before(() => {
    touchAll(root, new Date('2020-01-02T03:04:05Z'));
  });
  const h = fileServer(root);
  for (const c of data.requests) {
    it(`${c.name}: ${c.method} ${c.target} -> ${c.want.status}`, async () => {
      const r = fakeRequest(c.method, c.target);
      for (const [k, v] of Object.entries(c.headers ?? {})) r.headers.append(k, v);
      const w = new Recorder();
      await h.serveHTTP(w, r);
      const headers: Record<string, string> = {};
      for (const k of KEPT) {
        const v = w.header().get(k);
        if (v !== null && v !== '') headers[k] = v;
      }
      let body = w.body;
      const m = /^multipart\/byteranges; boundary=(.+)$/.exec(headers['Content-Type'] ?? '');
      if (m !== null) {
        headers['Content-Type'] = 'multipart/byteranges; boundary=BOUNDARY';
        body = body.split(m[1]!).join('BOUNDARY');
      }
      expect({ status: w.status, headers, body }).to.deep.equal(c.want);
    });
  }
});
