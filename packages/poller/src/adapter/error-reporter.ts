// How a transport reports what it cannot answer for: a handler's failure, or a server error.

/**
 * Reports a handler failure (with its request), or a server error such as a failed accept
 * (without one); the default prints it, as Go's server logs a panic or an accept error.
 */
export type HandlerErrorReporter = (err: unknown, req: { method: string; url: string } | undefined) => void;

/** The default reporter: prints to stderr. */
export const printError: HandlerErrorReporter = (err, req) => {
  if (req === undefined) console.error('http: server error:', err);
  else console.error(`http: handler failed serving ${req.method} ${req.url}:`, err);
};
