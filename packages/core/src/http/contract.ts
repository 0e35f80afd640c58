// The poller's HTTP contract, which core implements (an Engine is a Handler) and consumes.
export type { Handler, Request, RequestBody, ResponseWriter, Transport, ServerHandle, ServeOptions } from '@sloe/poller';
export { Header } from '@sloe/poller';
