// A node transport server for the memory attacks, run in its own process with a bounded heap:
// prints its port, then its memory every 100 ms, one JSON line each.
import { nodeTransport } from '../../src/node/index.js';

const body = JSON.stringify({ users: Array.from({ length: 100 }, (_, i) => ({ id: i, name: `user ${i}`, email: `user${i}@example.com` })) });

const server = await nodeTransport({ onHandlerError: () => undefined }).serve(
  {
    async serveHTTP(w) {
      // An answer built anew for each request after a turn of the event loop, as a handler
      // reading a database would.
      await new Promise((resolve) => setImmediate(resolve));
      w.header().set('Content-Type', 'application/json');
      await w.end(body.slice(0, -1) + ' }');
    },
  },
  { port: 0, host: '127.0.0.1' },
);
console.log(JSON.stringify({ port: server.port, bodyBytes: body.length }));
setInterval(() => {
  const m = process.memoryUsage();
  console.log(JSON.stringify({ heapUsed: m.heapUsed, rss: m.rss }));
}, 100);
