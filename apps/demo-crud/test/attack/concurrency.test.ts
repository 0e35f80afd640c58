// Races on loopback: many writers of one user at once. Without If-Match a merge patch asks for
// no particular version, so every one must land on the newest; with If-Match exactly one of
// the writers based on the same version wins. On SQLite and, with TEST_DATABASE_URL, PostgreSQL.
import { expect } from 'chai';
import { startHarness, type Harness, type StoreChoice } from '../support/harness.js';
import { pendingBecause } from '../support/pending.js';
import { postgresKind } from '../support/stores.js';

const WRITERS = 50;
const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

for (const store of ['sqlite', 'postgres'] as StoreChoice[]) {
  describe(`attack: ${WRITERS} concurrent PATCHes of one user on ${store === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, function () {
    let h: Harness;

    before(async function () {
      const missing = store === 'postgres' ? postgresKind.missing() : null;
      if (missing !== null) pendingBecause(this, 'postgresql', missing);
      h = await startHarness('callback', {}, store);
    });
    after(async () => {
      await h?.close();
    });

    it('without If-Match: every one is a 200, each merged onto the newest version', async () => {
      const user = await h.repo.create({ name: 'Raced', email: 'raced@example.com', age: null, bio: null });
      // Each writer appends nothing the others overwrite: a distinct field value per writer would
      // be lost by design (last write wins), so the count of versions is what proves the merges.
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) => h.send({ method: 'PATCH', path: `/api/users/${user.id}`, headers: MERGE_PATCH, body: JSON.stringify({ age: i }) })),
      );
      expect(answers.map((r) => r.status)).to.deep.equal(Array(WRITERS).fill(200));
      const versions = answers.map((r) => (r.json as { version: number }).version).sort((a, b) => a - b);
      expect(versions).to.deep.equal(Array.from({ length: WRITERS }, (_, i) => i + 2));
      const final = await h.repo.get(user.id);
      expect(final?.version).to.equal(WRITERS + 1);
      // The last write's age is the stored one.
      const last = answers.find((r) => (r.json as { version: number }).version === WRITERS + 1)!;
      expect(final?.age).to.equal((last.json as { age: number }).age);
    });

    it('with If-Match of the same version: exactly one is a 200, the others 412', async () => {
      const user = await h.repo.create({ name: 'Guarded', email: 'guarded@example.com', age: null, bio: null });
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          h.send({ method: 'PATCH', path: `/api/users/${user.id}`, headers: { ...MERGE_PATCH, 'if-match': `"${user.id}.1"` }, body: JSON.stringify({ age: i }) }),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).to.deep.equal([200, ...Array(WRITERS - 1).fill(412)]);
      expect((await h.repo.get(user.id))?.version).to.equal(2);
    });

    it('a patch that fails the rules under the race changes nothing and answers 400', async () => {
      const user = await h.repo.create({ name: 'Kept', email: 'kept@example.com', age: null, bio: null });
      const answers = await Promise.all([
        h.send({ method: 'PATCH', path: `/api/users/${user.id}`, headers: MERGE_PATCH, body: '{"age":1}' }),
        h.send({ method: 'PATCH', path: `/api/users/${user.id}`, headers: MERGE_PATCH, body: '{"name":null}' }),
        h.send({ method: 'PATCH', path: `/api/users/${user.id}`, headers: MERGE_PATCH, body: '{"age":2}' }),
      ]);
      expect(answers.map((r) => r.status)).to.deep.equal([200, 400, 200]);
      const final = await h.repo.get(user.id);
      expect(final?.name).to.equal('Kept');
      expect(final?.version).to.equal(3);
    });
  });
}
