// The public API of @sloe/poller: the Go-style net layer and its TLS, the HTTP contract with the
// netpoll transport, the node:http and node:http2 transports, and Go's net/http helpers. Each
// area curates its own named exports.
export * from './net/index.js';
export * from './tls/index.js';
export * from './http/index.js';
export * from './node/index.js';
export * from './http2/index.js';
export * from './nethttp/index.js';
export * from './client/index.js';
export * from './bufio/index.js';
