/**
 * The one settled promise the hot paths hand out for "done at once". Being one object, a caller
 * can tell it apart and skip attaching handlers to it, which would cost a reaction per request.
 */
export const RESOLVED: Promise<void> = Promise.resolve();
