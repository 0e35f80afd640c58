// The node transport: node:http behind the Handler contract.
export { nodeTransport, NodeTransport, type NodeTransportOptions } from './transport.js';
export type { HandlerErrorReporter } from './server.js';
