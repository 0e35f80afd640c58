// The node transport: node:http behind the Handler contract.
export { nodeTransport, NodeTransport, type NodeTransportOptions } from './transport.js';
export { nodeListener, type NodeListenerOptions, type NodeRequestListener } from './listener.js';
export type { HandlerErrorReporter } from '../adapter/error-reporter.js';
