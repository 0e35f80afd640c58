// `npm run seed -w apps/demo-crud`: fills the configured store (DATABASE_URL or DATABASE_PATH)
// with a few dozen sample users. Running it again adds nobody twice: emails are unique.
import { readSettings } from './config.js';
import { EmailTakenError } from './errors.js';
import { openRepository } from './store/open.js';
import type { UserFields } from './store/user.js';

const FIRST = ['Ada', 'Alan', 'Barbara', 'Claude', 'Donald', 'Edsger', 'Frances', 'Grace', 'Hedy', 'John', 'Ken', 'Margaret', 'Niklaus', 'Radia'];
const LAST = ['Lovelace', 'Turing', 'Liskov', 'Shannon', 'Knuth', 'Dijkstra', 'Allen', 'Hopper', 'Lamarr', 'McCarthy', 'Thompson', 'Hamilton', 'Wirth', 'Perlman'];
const BIOS = ['Writes compilers for fun.', 'Prefers tabs.', null, 'Collects mechanical keyboards.', null, 'Ships on Fridays.'];

/** The sample users: 42 distinct people, deterministic. */
export function sampleUsers(): UserFields[] {
  const out: UserFields[] = [];
  for (let i = 0; i < 42; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 5 + Math.floor(i / FIRST.length)) % LAST.length]!;
    out.push({
      name: `${first} ${last}`,
      email: `${first}.${last}${i >= FIRST.length ? String(i) : ''}@example.com`.toLowerCase(),
      age: i % 4 === 3 ? null : 20 + ((i * 7) % 60),
      bio: BIOS[i % BIOS.length] ?? null,
    });
  }
  return out;
}

async function seed(): Promise<void> {
  const settings = readSettings(process.env);
  const repo = await openRepository(settings);
  let created = 0;
  try {
    for (const u of sampleUsers()) {
      try {
        await repo.create(u);
        created++;
      } catch (err) {
        if (!(err instanceof EmailTakenError)) throw err;
      }
    }
    console.log(`seeded ${created} users; the store now holds ${await repo.count()}`);
  } finally {
    await repo.close();
  }
}

seed().catch((err: unknown) => {
  console.error('seed failed:', err);
  process.exit(1);
});
