// The net/http-style area of @sloe/poller: Go's package-level helpers over the Handler contract.
export { detectContentType } from './sniff.js';
export { ServeMux } from './serve-mux.js';
export type { MuxLookup } from './serve-mux.js';
export { MuxError } from './mux-error.js';
export type { MuxErrorCode } from './mux-error.js';
export { RoutedRequest } from './routed-request.js';
export type { RoutedRequestInit } from './routed-request.js';
export { handlerFunc } from './handler-func.js';
export type { HandlerFunc } from './handler-func.js';
export { httpError, notFound, notFoundHandler } from './error.js';
export { redirect, redirectHandler } from './redirect.js';
export { stripPrefix } from './strip-prefix.js';
export { maxBytesHandler } from './max-bytes-handler.js';
export { defaultServeMux, handle, handleFunc } from './default-mux.js';
export { Server, listenAndServe } from './server.js';
export type { ServerInit } from './server.js';
export { timeoutHandler, HandlerTimeoutError } from './timeout-handler.js';
