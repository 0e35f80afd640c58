// How a graceful close treats a connection that has not sent its first request yet.

/**
 * A graceful close closes idle connections at once, but leaves one that has sent nothing yet
 * this long after its accept, as Go's `Server.Shutdown` does (it counts such a connection idle
 * only after 5 s). A client writes its request as soon as it is connected, so such a connection
 * is usually a request on its way: accepted just before the close began (by a node:cluster
 * worker about to be replaced, say), closing it would reset a request that was never refused.
 * One that stays silent is closed once the grace has passed, or by the close's timeout.
 */
export const NEW_CONNECTION_GRACE_MS = 5000;
