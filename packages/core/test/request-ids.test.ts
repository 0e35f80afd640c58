// RequestIds: `<prefix>-<count in base 36>`, the count advanced in place from 1.
import { expect } from 'chai';
import { RequestIds } from '../src/request/request-ids.js';

describe('RequestIds', () => {
  it('counts from 1 in base 36 after the prefix, through every carry', () => {
    const ids = new RequestIds('0a1b2c3d');
    // Past 36 ** 3: the carries from z to 10, zz to 100 and zzz to 1000 all happen.
    for (let n = 1; n <= 36 ** 3 + 40; n++) {
      const id = ids.next();
      if (id !== `0a1b2c3d-${n.toString(36)}`) expect.fail(`id ${n} is ${id}`);
    }
  });

  it('gives each Engine its own random prefix of eight hex digits', () => {
    const a = new RequestIds().next();
    const b = new RequestIds().next();
    expect(a).to.match(/^[0-9a-f]{8}-1$/);
    expect(b).to.match(/^[0-9a-f]{8}-1$/);
    expect(a).to.not.equal(b);
  });
});
