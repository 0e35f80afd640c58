// The netpoll transport through the shared transport suite: it has no expected differences.
import { netpollTransport } from '../../src/http/netpoll.js';
import { transportSuite } from '../transport/suite.js';

transportSuite('netpoll', (options) => netpollTransport(options));
