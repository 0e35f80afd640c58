// One suite for the UserRepository contract, run against every store: SQLite always, PostgreSQL
// when TEST_DATABASE_URL is set. Expected values are written out by hand.
import { expect } from 'chai';
import { EmailTakenError, InvalidCursorError, UserNotFoundError, VersionMismatchError } from '../src/errors.js';
import type { UserRepository } from '../src/store/repository.js';
import type { ListQuery, Sort, User, UserFields } from '../src/store/user.js';
import { pendingBecause } from './support/pending.js';
import { STORE_KINDS, type OpenedStore } from './support/stores.js';

/** A clock that starts at 2026-01-01T00:00:00Z and moves one second per reading. */
function steppingClock(): () => Date {
  let t = Date.UTC(2026, 0, 1);
  return () => new Date((t += 1000));
}

function fields(name: string, email: string, extra: Partial<UserFields> = {}): UserFields {
  return { name, email, age: null, bio: null, ...extra };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** Creates carol, Alice, bob, Émile and ALICE in that order, then updates carol. */
async function seedFive(repo: UserRepository): Promise<void> {
  const carol = await repo.create(fields('carol', 'zed@example.com'));
  await repo.create(fields('Alice', 'bob@example.com'));
  await repo.create(fields('bob', 'alice@example.com'));
  await repo.create(fields('Émile', 'emile@example.com'));
  await repo.create(fields('ALICE', 'alice2@example.com'));
  await repo.update(carol.id, fields('carol', 'zed@example.com', { age: 41 }));
}

async function names(repo: UserRepository, query: Partial<ListQuery> & { sort: Sort }): Promise<string[]> {
  const page = await repo.list({ limit: 100, ...query });
  return page.items.map((u) => u.name);
}

/** Follows next cursors from the first page to the last, collecting names page by page. */
async function walk(repo: UserRepository, sort: Sort, limit: number, q?: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await repo.list({ sort, limit, cursor, q });
    pages.push(page.items.map((u) => u.name));
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
  }
}

const SORT_CASES: { sort: Sort; expected: string[] }[] = [
  { sort: { field: 'name', descending: false }, expected: ['Alice', 'ALICE', 'bob', 'carol', 'Émile'] },
  { sort: { field: 'name', descending: true }, expected: ['Émile', 'carol', 'bob', 'ALICE', 'Alice'] },
  { sort: { field: 'email', descending: false }, expected: ['ALICE', 'bob', 'Alice', 'Émile', 'carol'] },
  { sort: { field: 'email', descending: true }, expected: ['carol', 'Émile', 'Alice', 'bob', 'ALICE'] },
  { sort: { field: 'createdAt', descending: false }, expected: ['carol', 'Alice', 'bob', 'Émile', 'ALICE'] },
  { sort: { field: 'createdAt', descending: true }, expected: ['ALICE', 'Émile', 'bob', 'Alice', 'carol'] },
  { sort: { field: 'updatedAt', descending: false }, expected: ['Alice', 'bob', 'Émile', 'ALICE', 'carol'] },
  { sort: { field: 'updatedAt', descending: true }, expected: ['carol', 'ALICE', 'Émile', 'bob', 'Alice'] },
];

const SEARCH_CASES: { q: string; expected: string[] }[] = [
  { q: 'ALI', expected: ['Alice', 'ALICE', 'bob'] },
  { q: 'zed@', expected: ['carol'] },
  { q: 'émi', expected: ['Émile'] },
  { q: 'ÉMI', expected: ['Émile'] },
  { q: '%', expected: [] },
  { q: '_', expected: [] },
  { q: 'example.com', expected: ['Alice', 'ALICE', 'bob', 'carol', 'Émile'] },
  { q: 'nobody', expected: [] },
];

const BY_NAME: Sort = { field: 'name', descending: false };

for (const kind of STORE_KINDS) {
  describe(`UserRepository on ${kind.name}`, function () {
    let store: OpenedStore | undefined;
    let repo: UserRepository;

    beforeEach(async function () {
      const missing = kind.missing();
      if (missing !== null) pendingBecause(this, 'postgresql', missing);
      store = await kind.create(steppingClock());
      repo = store.repo;
    });

    afterEach(async () => {
      await store?.dispose();
      store = undefined;
    });

    after(async () => {
      if (kind.missing() === null) await kind.finish();
    });

    describe('create and get', () => {
      it('assigns an id and version 1, stamps both times, and stores the email trimmed and lower-cased', async () => {
        const u = await repo.create(fields('Ada', '  Ada@Example.COM ', { age: 36, bio: 'counts' }));
        expect(u).to.deep.equal({
          id: u.id, name: 'Ada', email: 'ada@example.com', age: 36, bio: 'counts',
          createdAt: '2026-01-01T00:00:01.000Z', updatedAt: '2026-01-01T00:00:01.000Z', version: 1,
        });
        expect(u.id).to.be.a('number').above(0);
        expect(await repo.get(u.id)).to.deep.equal(u);
      });

      it('answers null for an unknown id', async () => {
        expect(await repo.get(424242)).to.equal(null);
      });

      it('refuses a second user with the same email in another case, and stores nothing', async () => {
        await repo.create(fields('Ada', 'ada@example.com'));
        const err = await rejection(repo.create(fields('Other', ' ADA@example.com')));
        expect(err).to.be.instanceOf(EmailTakenError);
        expect((err as EmailTakenError).email).to.equal('ada@example.com');
        expect(await repo.count()).to.equal(1);
      });

      it('keeps unicode and markup in names exactly as given', async () => {
        const u = await repo.create(fields('<script>alert(1)</script> Zoë', 'x@example.com'));
        expect((await repo.get(u.id))?.name).to.equal('<script>alert(1)</script> Zoë');
      });
    });

    describe('update', () => {
      it('replaces the fields, increments the version and moves updatedAt only', async () => {
        const u = await repo.create(fields('Ada', 'ada@example.com', { age: 36 }));
        const v = await repo.update(u.id, fields('Ada L.', 'LOVELACE@example.com', { bio: 'engine' }));
        expect(v).to.deep.equal({
          id: u.id, name: 'Ada L.', email: 'lovelace@example.com', age: null, bio: 'engine',
          createdAt: '2026-01-01T00:00:01.000Z', updatedAt: '2026-01-01T00:00:02.000Z', version: 2,
        });
        expect(await repo.get(u.id)).to.deep.equal(v);
      });

      it('succeeds when ifVersion is the current version', async () => {
        const u = await repo.create(fields('Ada', 'ada@example.com'));
        const v = await repo.update(u.id, fields('B', 'ada@example.com'), { ifVersion: 1 });
        expect(v.version).to.equal(2);
      });

      it('fails with VersionMismatchError on a stale ifVersion and changes nothing', async () => {
        const u = await repo.create(fields('Ada', 'ada@example.com'));
        await repo.update(u.id, fields('Second', 'ada@example.com'));
        const err = await rejection(repo.update(u.id, fields('Third', 'ada@example.com'), { ifVersion: 1 }));
        expect(err).to.be.instanceOf(VersionMismatchError);
        expect(err).to.include({ expected: 1, actual: 2, code: 'ERR_VERSION_MISMATCH' });
        expect((await repo.get(u.id))?.name).to.equal('Second');
      });

      it('lets exactly one of two concurrent writers based on the same version win', async () => {
        const u = await repo.create(fields('Ada', 'ada@example.com'));
        const results = await Promise.allSettled([
          repo.update(u.id, fields('One', 'ada@example.com'), { ifVersion: 1 }),
          repo.update(u.id, fields('Two', 'ada@example.com'), { ifVersion: 1 }),
        ]);
        expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
        const lost = results.find((r) => r.status === 'rejected');
        expect((lost as PromiseRejectedResult).reason).to.be.instanceOf(VersionMismatchError);
        expect((await repo.get(u.id))?.version).to.equal(2);
      });

      it('settles concurrent writes each on its own: a failing one undoes none of the others', async () => {
        await repo.create(fields('A', 'a@example.com'));
        const results = await Promise.allSettled([
          repo.create(fields('B', 'b@example.com')),
          repo.create(fields('A again', 'A@example.com')),
          repo.create(fields('C', 'c@example.com')),
        ]);
        expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
        expect((results[1] as PromiseRejectedResult).reason).to.be.instanceOf(EmailTakenError);
        expect(await names(repo, { sort: BY_NAME })).to.deep.equal(['A', 'B', 'C']);
      });

      it('fails with UserNotFoundError for an unknown id', async () => {
        const err = await rejection(repo.update(9999, fields('X', 'x@example.com')));
        expect(err).to.be.instanceOf(UserNotFoundError);
      });

      it('refuses another user\'s email and leaves the row unchanged', async () => {
        await repo.create(fields('Ada', 'ada@example.com'));
        const bob = await repo.create(fields('Bob', 'bob@example.com'));
        const err = await rejection(repo.update(bob.id, fields('Bob', 'Ada@Example.com')));
        expect(err).to.be.instanceOf(EmailTakenError);
        expect(await repo.get(bob.id)).to.deep.equal(bob);
      });
    });

    describe('modify', () => {
      it('builds the new fields from the current ones, in one transaction per call: concurrent calls each see the last', async () => {
        const u = await repo.create(fields('Counter', 'counter@example.com'));
        const bump = (current: User): UserFields => ({ name: current.name, email: current.email, age: (current.age ?? 0) + 1, bio: current.bio });
        await Promise.all(Array.from({ length: 20 }, () => repo.modify(u.id, bump)));
        const after = await repo.get(u.id);
        expect(after?.age).to.equal(20);
        expect(after?.version).to.equal(21);
      });

      it('fails with VersionMismatchError on a stale ifVersion, without calling change', async () => {
        const u = await repo.create(fields('Ada', 'ada@example.com'));
        await repo.update(u.id, fields('Ada', 'ada@example.com'));
        let called = false;
        const err = await rejection(repo.modify(u.id, (c) => ((called = true), fields(c.name, c.email)), { ifVersion: 1 }));
        expect(err).to.be.instanceOf(VersionMismatchError);
        expect(called).to.equal(false);
      });

      it('writes nothing when change throws, and rethrows its error', async () => {
        const u = await repo.create(fields('Ada', 'ada@example.com'));
        const err = await rejection(repo.modify(u.id, () => {
          throw new RangeError('refused');
        }));
        expect(err).to.be.instanceOf(RangeError);
        expect(await repo.get(u.id)).to.deep.equal(u);
      });

      it('fails with UserNotFoundError for an unknown id and EmailTakenError for a taken email', async () => {
        expect(await rejection(repo.modify(9999, (c) => fields(c.name, c.email)))).to.be.instanceOf(UserNotFoundError);
        await repo.create(fields('Ada', 'ada@example.com'));
        const bob = await repo.create(fields('Bob', 'bob@example.com'));
        expect(await rejection(repo.modify(bob.id, (c) => fields(c.name, 'ADA@example.com')))).to.be.instanceOf(EmailTakenError);
      });
    });

    describe('delete', () => {
      it('removes the user, then answers UserNotFoundError', async () => {
        const u = await repo.create(fields('Ada', 'ada@example.com'));
        await repo.delete(u.id);
        expect(await repo.get(u.id)).to.equal(null);
        expect(await rejection(repo.delete(u.id))).to.be.instanceOf(UserNotFoundError);
      });

      it('keeps the user when ifVersion is stale', async () => {
        const u = await repo.create(fields('Ada', 'ada@example.com'));
        await repo.update(u.id, fields('Ada', 'ada@example.com'));
        expect(await rejection(repo.delete(u.id, { ifVersion: 1 }))).to.be.instanceOf(VersionMismatchError);
        expect(await repo.count()).to.equal(1);
        await repo.delete(u.id, { ifVersion: 2 });
        expect(await repo.count()).to.equal(0);
      });

      it('never reuses the id of a deleted user', async () => {
        const a = await repo.create(fields('A', 'a@example.com'));
        await repo.delete(a.id);
        const b = await repo.create(fields('B', 'b@example.com'));
        expect(b.id).to.be.above(a.id);
      });
    });

    describe('list', () => {
      for (const c of SORT_CASES) {
        const label = (c.sort.descending ? '-' : '') + c.sort.field;
        it(`sorts by ${label}, ties broken by id`, async () => {
          await seedFive(repo);
          expect(await names(repo, { sort: c.sort })).to.deep.equal(c.expected);
        });

        it(`pages through sort=${label} by cursor, two at a time, each user once`, async () => {
          await seedFive(repo);
          const pages = await walk(repo, c.sort, 2);
          expect(pages).to.deep.equal([c.expected.slice(0, 2), c.expected.slice(2, 4), c.expected.slice(4)]);
        });
      }

      for (const c of SEARCH_CASES) {
        it(`searches q=${JSON.stringify(c.q)} in names and emails, case-insensitively, wildcards literal`, async () => {
          await seedFive(repo);
          expect(await names(repo, { sort: BY_NAME, q: c.q })).to.deep.equal(c.expected);
          expect(await repo.count(c.q)).to.equal(c.expected.length);
        });
      }

      it('pages by offset, with the total of all matches', async () => {
        await seedFive(repo);
        const page = await repo.list({ sort: BY_NAME, limit: 2, offset: 2 });
        expect(page.items.map((u) => u.name)).to.deep.equal(['bob', 'carol']);
        expect(page.total).to.equal(5);
        expect(page.nextCursor).to.be.a('string');
        const last = await repo.list({ sort: BY_NAME, limit: 2, offset: 4 });
        expect(last.items.map((u) => u.name)).to.deep.equal(['Émile']);
        expect(last.nextCursor).to.equal(null);
      });

      it('continues a search by cursor within the matches', async () => {
        await seedFive(repo);
        expect(await walk(repo, BY_NAME, 2, 'ali')).to.deep.equal([['Alice', 'ALICE'], ['bob']]);
      });

      it('does not skip or repeat when a user is inserted before the cursor', async () => {
        await seedFive(repo);
        const first = await repo.list({ sort: BY_NAME, limit: 2 });
        await repo.create(fields('Aaron', 'aaron@example.com'));
        const second = await repo.list({ sort: BY_NAME, limit: 2, cursor: first.nextCursor! });
        expect(second.items.map((u) => u.name)).to.deep.equal(['bob', 'carol']);
      });

      it('answers an empty last page on an empty store', async () => {
        expect(await repo.list({ sort: BY_NAME, limit: 10 })).to.deep.equal({ items: [], total: 0, nextCursor: null });
      });

      const BAD_CURSORS: { name: string; cursor: (good: string) => string }[] = [
        { name: 'not base64 JSON', cursor: () => '!!!' },
        { name: 'JSON of the wrong shape', cursor: () => Buffer.from('{"a":1}').toString('base64url') },
        { name: 'issued for another sort', cursor: (good) => good },
      ];
      for (const c of BAD_CURSORS) {
        it(`rejects a cursor ${c.name} with InvalidCursorError`, async () => {
          await seedFive(repo);
          const good = (await repo.list({ sort: BY_NAME, limit: 1 })).nextCursor!;
          const err = await rejection(repo.list({ sort: { field: 'email', descending: false }, limit: 2, cursor: c.cursor(good) }));
          expect(err).to.be.instanceOf(InvalidCursorError);
        });
      }
    });

    describe('durability', () => {
      it('finds every write after closing and reopening, migrations not applied twice', async () => {
        const a = await repo.create(fields('Ada', 'ada@example.com'));
        const b = await repo.create(fields('Bob', 'bob@example.com'));
        const a2 = await repo.update(a.id, fields('Ada 2', 'ada@example.com'));
        await repo.delete(b.id);
        await repo.close();
        const again = await store!.reopen(steppingClock());
        const all: User[] = (await again.list({ sort: BY_NAME, limit: 10 })).items;
        expect(all).to.deep.equal([a2]);
        const c = await again.create(fields('Cy', 'cy@example.com'));
        expect(c.id).to.be.above(b.id);
      });
    });
  });
}
