// Every change of a package's public API shows as a diff of its committed API report
// (packages/<name>/api/<name>.api.md): this test fails until the report is regenerated.
import { expect } from 'chai';
import path from 'node:path';
import { apiReport, publishedPackages, REGENERATE, reportPath, ROOT } from '../scripts/api-report.js';

describe('API reports', function () {
  this.timeout(120_000);

  for (const name of publishedPackages()) {
    it(`@sloe/${name}: ${path.relative(ROOT, reportPath(name))} is the API of the built declarations`, () => {
      const r = apiReport(name, false);
      expect(r.errors, 'api-extractor errors').to.deep.equal([]);
      expect(r.changed, `the public API of @sloe/${name} changed: run \`${REGENERATE}\` and commit the report`).to.equal(false);
    });
  }
});
