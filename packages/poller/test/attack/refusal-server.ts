// A server on the transport named by argv[2] that answers every request it serves "ok" with the
// default limits; prints its port.
import { netpollTransport, nodeTransport } from '../../src/index.js';

const make = process.argv[2] === 'netpoll' ? netpollTransport : nodeTransport;
const h = await make({ onHandlerError: () => undefined }).serve(
  {
    serveHTTP(w) {
      void w.end('ok');
    },
  },
  { port: 0, host: '127.0.0.1' },
);
console.log(JSON.stringify({ port: h.port }));
