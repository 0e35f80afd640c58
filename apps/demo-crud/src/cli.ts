// The client's command line: `sloe-users [--url URL] <command> [args]`, printing JSON.
//   list [q=TEXT] [sort=FIELD] [limit=N] [cursor=C] [offset=N]
//   get ID | create name=.. email=.. [age=N] [bio=..] | update ID field=value... | delete ID
// `field=` (nothing after =) removes age or bio in an update. The server defaults to SLOE_URL,
// then http://localhost:8080. The program itself is client-main.ts.
import { ClientError } from '@sloe/client';
import { UserClient } from './client.js';
import { ApiError } from './errors.js';
import { SORT_FIELDS, type UserFields } from './store/user.js';

/** Every `sort` value, from the fields the stores sort by, so the usage cannot fall behind them. */
const SORTS = SORT_FIELDS.flatMap((f) => [f, `-${f}`]).join('|');

const USAGE = `usage: sloe-users [--url URL] <command>
  list [q=TEXT] [sort=${SORTS}] [limit=N] [cursor=C] [offset=N]
  get ID
  create name=NAME email=EMAIL [age=N] [bio=TEXT]
  update ID [name=NAME] [email=EMAIL] [age=N|age=] [bio=TEXT|bio=]
  delete ID`;

/** `key=value` arguments as an object; a value that is a whole number becomes a number. */
function pairs(args: string[]): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`expected key=value, got ${JSON.stringify(a)}`);
    const key = a.slice(0, eq);
    const value = a.slice(eq + 1);
    out[key] = value === '' ? null : key === 'age' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}

function id(arg: string | undefined): number {
  if (arg === undefined || !/^\d+$/.test(arg)) throw new UsageError(`expected a user id, got ${JSON.stringify(arg ?? '')}`);
  return Number(arg);
}

class UsageError extends Error {}

/**
 * Runs one command; prints its result as JSON through `print`, and a failure through
 * `printError` (default: `print`); resolves to the exit status: 0, 1 for a failure (an error
 * answer, an unreachable server), 2 for a usage error. It never throws.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void, printError: (line: string) => void = print): Promise<number> {
  let args = argv;
  let url = env.SLOE_URL ?? 'http://localhost:8080';
  if (args[0] === '--url' && args[1] !== undefined) {
    url = args[1];
    args = args.slice(2);
  }
  const client = new UserClient(url);
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'list':
        print(JSON.stringify(await client.list(pairs(rest)), null, 2));
        return 0;
      case 'get':
        print(JSON.stringify((await client.get(id(rest[0]))).user, null, 2));
        return 0;
      case 'create':
        print(JSON.stringify((await client.create(pairs(rest) as unknown as UserFields)).user, null, 2));
        return 0;
      case 'update':
        print(JSON.stringify((await client.update(id(rest[0]), pairs(rest.slice(1)))).user, null, 2));
        return 0;
      case 'delete':
        await client.delete(id(rest[0]));
        return 0;
      default:
        throw new UsageError(command === undefined ? 'no command' : `unknown command ${JSON.stringify(command)}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      printError(`${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ApiError) {
      print(JSON.stringify(err.body, null, 2));
      return 1;
    }
    printError(failureLine(err, url));
    return 1;
  }
}

/**
 * One line for a failure that is not an answer of the server. A request fetch could not make
 * (ERR_CLIENT_FETCH) names the server and the deepest cause (`connect ECONNREFUSED ...`): fetch's
 * own `fetch failed` says nothing by itself.
 */
function failureLine(err: unknown, url: string): string {
  if (!(err instanceof Error)) return `sloe-users: ${String(err)}`;
  const cause = err.cause instanceof Error ? err.cause : undefined;
  if (err instanceof ClientError && err.code === 'ERR_CLIENT_FETCH') {
    return `sloe-users: cannot reach ${url}: ${deepest(err).message}`;
  }
  return `sloe-users: ${err.message}${cause !== undefined ? `: ${cause.message}` : ''}`;
}

/** The innermost Error of a chain of causes. */
function deepest(err: Error): Error {
  let e = err;
  while (e.cause instanceof Error) e = e.cause;
  return e;
}
