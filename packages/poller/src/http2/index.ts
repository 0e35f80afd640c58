// The HTTP/2 transport: node:http2 behind the Handler contract.
export { http2Transport, Http2Transport } from './transport.js';
export type { Http2TransportOptions, Http2Settings } from './options.js';
