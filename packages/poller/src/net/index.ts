// The Go-style net layer: listen, dial, Conn and Listener with deadlines.
export type { Addr, Conn, DeadlineTime, Listener, Pollable, PollableConn } from './conn.js';
export { isPollable, pollable } from './pollable.js';
export { TCPAddr, UnixAddr, joinHostPort, splitHostPort, type Network } from './addr.js';
export type { Clock } from './deadline.js';
export {
  AddrError,
  ClosedError,
  DeadlineExceededError,
  DialError,
  ListenError,
  NetError,
  SocketError,
  UnknownNetworkError,
  type DialFailure,
} from './errors.js';
export { TCPConn, type TCPConnOptions } from './tcp-conn.js';
export { TcpListener } from './listener.js';
export { listen, type ListenOptions } from './listen.js';
export { dial, type DialOptions } from './dial.js';
