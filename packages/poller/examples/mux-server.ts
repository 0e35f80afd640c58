// An HTTP server on a ServeMux, as a Go course writes it with http.HandleFunc: a greeting with a
// path wildcard, a JSON endpoint reading query parameters, a form handler and a JSON echo.
//
//   node --import tsx examples/mux-server.ts [address]     (default ":8080")
import { Server, ServeMux, handlerFunc, httpError } from '../src/index.js';

const mux = new ServeMux();

mux.handleFunc('GET /hello/{name}', (w, r) => w.end(`hello, ${r.pathValue('name')}\n`));

// GET /search?q=go&limit=2: the query decoded, answered as JSON.
mux.handleFunc('GET /search', (w, r) => {
  const q = new URLSearchParams(r.rawQuery);
  const limit = Number(q.get('limit') ?? '10');
  const results = ['go', 'gopher', 'golang', 'goroutine'].filter((s) => s.startsWith(q.get('q') ?? '')).slice(0, limit);
  w.header().set('Content-Type', 'application/json');
  return w.end(JSON.stringify({ query: q.get('q'), results }));
});

// POST /login with an application/x-www-form-urlencoded body.
mux.handle(
  'POST /login',
  handlerFunc(async (w, r) => {
    const form = new URLSearchParams(await r.body.text());
    const user = form.get('user');
    if (user === null || user === '') {
      await httpError(w, 'user is required', 400);
      return;
    }
    await w.end(`welcome ${user} (${form.getAll('role').join(', ')})\n`);
  }),
);

// POST /echo with a JSON body, answered with the JSON it sent.
mux.handleFunc('POST /echo', async (w, r) => {
  const body = await r.body.json();
  w.header().set('Content-Type', 'application/json');
  await w.end(JSON.stringify({ received: body }));
});

const srv = new Server({ addr: process.argv[2] ?? ':8080', handler: mux, readTimeout: 10_000 });
const running = await srv.listenAndServe();
console.log(`listening on ${running.address}`);
process.on('SIGTERM', () => {
  void srv.shutdown(AbortSignal.timeout(2000)).finally(() => process.exit(0));
});
