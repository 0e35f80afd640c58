// The node transport through the shared transport suite, with node:http's known differences:
// what its C parser (llhttp) decides before the adapter sees the request.
import { nodeTransport } from '../../src/node/index.js';
import { transportSuite } from '../transport/suite.js';
import { nodeDifferences } from './differences.js';

transportSuite('node', (options) => nodeTransport({ ...options, onHandlerError: () => undefined }), {
  expectedDifferences: nodeDifferences,
});
