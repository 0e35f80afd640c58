// A line scanner over a Conn, as Go's bufio.Scanner with ScanLines: yields each line without
// its "\n" (and a trailing "\r"), then the unterminated rest at EOF.
import type { Conn } from '../src/index.js';

/** Yields the lines a connection sends until it half-closes. */
export async function* lines(conn: Conn): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for (let chunk = await conn.read(); chunk !== null; chunk = await conn.read()) {
    pending += decoder.decode(chunk, { stream: true });
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      yield pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending !== '') yield pending;
}
