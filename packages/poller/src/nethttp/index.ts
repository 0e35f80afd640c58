// The net/http-style area of @sloe/poller: Go's package-level helpers over the Handler contract.
export { detectContentType } from './sniff.js';
