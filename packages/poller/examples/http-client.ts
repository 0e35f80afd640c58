// An HTTP client as a Go course writes one with net/http: a GET with query parameters whose
// JSON answer is decoded, a PostForm and a POST of JSON. Talks to mux-server.ts.
//
//   node --import tsx examples/http-client.ts [base URL]     (default "http://127.0.0.1:8080")
import { get, post, postForm } from '../src/index.js';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';

async function main(): Promise<void> {
  // GET with query parameters, the JSON answer decoded.
  const url = new URL('/search', base);
  url.search = new URLSearchParams({ q: 'go', limit: '2' }).toString();
  const res = await get(url);
  if (res.statusCode !== 200) throw new Error(`search: ${res.status}`);
  const found = (await res.body.json()) as { query: string; results: string[] };
  console.log(`search ${found.query}: ${found.results.join(' ')}`);

  // PostForm: url.Values as a record, repeated values as arrays.
  const login = await postForm(new URL('/login', base), { user: 'gopher', role: ['admin', 'dev'] });
  console.log(`login: ${login.status}: ${(await login.body.text()).trim()}`);

  // Post with a JSON body.
  const echo = await post(new URL('/echo', base), 'application/json', JSON.stringify({ hello: 'world', n: 42 }));
  console.log(`echo: ${echo.status}: ${JSON.stringify(await echo.body.json())}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
