// `npm run seed -w apps/demo-crud`: fills the configured store (DATABASE_URL or DATABASE_PATH)
// with a few dozen sample users. Running it again adds nobody twice: emails are unique.
import { readSettings } from './config.js';
import { EmailTakenError } from './errors.js';
import { openRepository } from './store/open.js';
import { sampleUsers } from './seed-data.js';

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
