// The HTTP area of @sloe/poller: the Handler contract, Header, the HTTP errors, the transport
// options shared by both transports, and the netpoll transport.
export type {
  Handler,
  Request,
  RequestBody,
  BodyReadOptions,
  ResponseWriter,
  Transport,
  ServeOptions,
  ServerHandle,
  ServerStats,
  CloseOptions,
} from './handler.js';
export { Header, HeaderFields, isToken, isValidFieldValue } from './header.js';
export type { HeaderInit } from './header.js';
export { HttpError, HttpParseError, httpErrorStatus } from './errors.js';
export type { HttpErrorCode, HttpErrorOptions } from './errors.js';
export { ianaMethods, resolveTransportOptions } from './options.js';
export type { TransportOptions, ResolvedTransportOptions } from './options.js';
export { netpollTransport } from './netpoll.js';
export type { NetpollTransportOptions } from './netpoll.js';
