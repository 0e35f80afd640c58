// The net layer's errors. Every class carries a stable `code` (documented in the README) and
// answers `timeout()`, as Go's net.Error does, so callers branch on behaviour, not on messages.

/** The base of every net-layer error: a stable `code` and Go's `Timeout()` predicate. */
export abstract class NetError extends Error {
  /** A stable machine-readable code, e.g. `ERR_NET_CLOSED`. */
  abstract readonly code: string;

  /** Whether the error is a timeout (Go's `net.Error.Timeout()`). False unless overridden. */
  timeout(): boolean {
    return false;
  }
}

/**
 * An operation on a connection or listener that was closed (Go's `net.ErrClosed`): a read or
 * write parked when `close()` was called, or any operation after it.
 */
export class ClosedError extends NetError {
  readonly code = 'ERR_NET_CLOSED';
  /** The operation that failed: `read`, `write`, `accept` ... */
  readonly op: string;

  constructor(op: string) {
    super(`${op}: use of closed network connection`);
    this.name = 'ClosedError';
    this.op = op;
  }
}

/**
 * A read or write deadline passed before the operation completed (Go's
 * `os.ErrDeadlineExceeded`). The connection stays usable: set a later deadline (or clear it)
 * and retry.
 */
export class DeadlineExceededError extends NetError {
  readonly code = 'ERR_NET_DEADLINE_EXCEEDED';
  /** The operation that timed out: `read` or `write`. */
  readonly op: string;

  constructor(op: string) {
    super(`${op}: i/o timeout`);
    this.name = 'DeadlineExceededError';
    this.op = op;
  }

  override timeout(): boolean {
    return true;
  }
}

/** An address that cannot be parsed for its network (Go's `*net.AddrError`). */
export class AddrError extends NetError {
  readonly code = 'ERR_NET_ADDR';
  /** The address as given. */
  readonly addr: string;

  constructor(reason: string, addr: string) {
    super(`address ${addr}: ${reason}`);
    this.name = 'AddrError';
    this.addr = addr;
  }
}

/** A network name other than `tcp`, `tcp4`, `tcp6` or `unix` (Go's `net.UnknownNetworkError`). */
export class UnknownNetworkError extends NetError {
  readonly code = 'ERR_NET_UNKNOWN_NETWORK';
  /** The network as given. */
  readonly network: string;

  constructor(network: string) {
    super(`unknown network ${network}`);
    this.name = 'UnknownNetworkError';
    this.network = network;
  }
}

/** Why a dial failed: the system refused it, its timeout passed, or its signal aborted it. */
export type DialFailure = 'system' | 'timeout' | 'aborted';

/**
 * A dial that did not produce a connection (Go's `*net.OpError` with `Op == "dial"`). `errno`
 * names the system error (`ECONNREFUSED`, `ENOENT` ...) when there is one.
 */
export class DialError extends NetError {
  readonly code = 'ERR_NET_DIAL';
  /** What stopped the dial. */
  readonly failure: DialFailure;
  /** The system error code, when the system refused the dial. */
  readonly errno: string | undefined;

  constructor(network: string, address: string, failure: DialFailure, cause?: unknown) {
    super(`dial ${network} ${address}: ${dialReason(failure, cause)}`, { cause });
    this.name = 'DialError';
    this.failure = failure;
    this.errno = errnoOf(cause);
  }

  override timeout(): boolean {
    return this.failure === 'timeout';
  }
}

/** A listen that could not bind (`EADDRINUSE`, `EACCES` ...): Go's `*net.OpError` with `Op == "listen"`. */
export class ListenError extends NetError {
  readonly code = 'ERR_NET_LISTEN';
  /** The system error code. */
  readonly errno: string | undefined;

  constructor(network: string, address: string, cause: unknown) {
    super(`listen ${network} ${address}: ${messageOf(cause)}`, { cause });
    this.name = 'ListenError';
    this.errno = errnoOf(cause);
  }
}

/**
 * A system error on an established connection (`ECONNRESET`, `EPIPE` ...): Go's `*net.OpError`
 * with `Op == "read"` or `"write"`.
 */
export class SocketError extends NetError {
  readonly code = 'ERR_NET_SOCKET';
  /** The operation that saw the error: `read` or `write`. */
  readonly op: string;
  /** The system error code. */
  readonly errno: string | undefined;

  constructor(op: string, cause: unknown) {
    super(`${op}: ${messageOf(cause)}`, { cause });
    this.name = 'SocketError';
    this.op = op;
    this.errno = errnoOf(cause);
  }
}

function dialReason(failure: DialFailure, cause: unknown): string {
  switch (failure) {
    case 'timeout':
      return 'i/o timeout';
    case 'aborted':
      return 'operation was canceled';
    case 'system':
      return messageOf(cause);
  }
}

function errnoOf(cause: unknown): string | undefined {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') {
    return cause.code;
  }
  return undefined;
}

function messageOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
