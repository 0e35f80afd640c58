// The sample users of `npm run seed`: deterministic, distinct, valid.
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
