import { expect } from 'chai';
import * as poller from '../src/index.js';

describe('@sloe/poller package', () => {
  it('exposes its three areas from one entry point', () => {
    expect(Object.keys(poller)).to.include.members(['listen', 'dial', 'netpollTransport', 'nodeTransport']);
  });
});
