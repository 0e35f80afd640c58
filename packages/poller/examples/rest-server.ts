// A RESTful server in httprouter's style: @sloe/router's Router holding httprouter Handles,
// used directly as the Handler, with its 301/308 redirects, 405 with Allow and 404.
//
//   node --import tsx examples/rest-server.ts [address]     (default ":8080")
import { Router, type Handle, type Params } from '@sloe/router';
import { listenAndServe, type Request, type ResponseWriter } from '../src/index.js';

interface Book {
  id: string;
  title: string;
}

const books = new Map<string, Book>([['1', { id: '1', title: 'The Go Programming Language' }]]);
let nextId = 2;

function json(w: ResponseWriter, status: number, body: unknown): Promise<void> {
  w.header().set('Content-Type', 'application/json');
  w.writeHeader(status);
  return w.end(JSON.stringify(body));
}

type BookHandle = Handle<ResponseWriter, Request>;

const index: BookHandle = (w) => json(w, 200, [...books.values()]);
const show: BookHandle = (w, _r, ps: Params) => {
  const b = books.get(ps.get('id') ?? '');
  return b === undefined ? json(w, 404, { error: 'no such book' }) : json(w, 200, b);
};
const create: BookHandle = async (w, r) => {
  const { title } = (await r.body.json()) as { title?: string };
  if (typeof title !== 'string') return json(w, 400, { error: 'title is required' });
  const b = { id: String(nextId++), title };
  books.set(b.id, b);
  w.header().set('Location', `/books/${b.id}`);
  return json(w, 201, b);
};
const remove: BookHandle = (w, _r, ps) => {
  books.delete(ps.get('id') ?? '');
  w.writeHeader(204);
  return w.end();
};

const router = new Router<BookHandle>();
router.add('GET', '/books', index);
router.add('POST', '/books', create);
router.add('GET', '/books/:id', show);
router.add('DELETE', '/books/:id', remove);

const running = await listenAndServe(process.argv[2] ?? ':8080', router);
console.log(`listening on ${running.address}`);
process.on('SIGTERM', () => {
  void running.close().finally(() => process.exit(0));
});
