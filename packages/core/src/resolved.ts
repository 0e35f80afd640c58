/** The one settled promise core's hot paths hand out for "done at once", instead of a new one each time. */
export const RESOLVED: Promise<void> = Promise.resolve();
