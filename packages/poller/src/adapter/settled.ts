// The promises a ResponseWriter returns: settled at once on the hot path, and never an
// unhandled rejection when the handler ignores them.

/** The promise a write returns when it settles at once. */
export const RESOLVED: Promise<void> = Promise.resolve();

const ignore = (): void => undefined;

/**
 * `p`, marked handled: a handler may ignore what `write()` and `end()` return, and a failure
 * must not become an unhandled rejection (the caller that awaits `p` still sees it). Hot path:
 * {@link RESOLVED} gets no handler.
 */
export function handled(p: Promise<void>): Promise<void> {
  if (p !== RESOLVED) p.catch(ignore);
  return p;
}
