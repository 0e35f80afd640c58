// Go's DefaultServeMux and the package-level Handle and HandleFunc on it.
import type { Handler } from '../http/handler.js';
import type { HandlerFunc } from './handler-func.js';
import { ServeMux } from './serve-mux.js';

/** The ServeMux that handle(), handleFunc() and a Server without a handler use. */
export const defaultServeMux = new ServeMux();

/** Registers `handler` for `pattern` on {@link defaultServeMux}. */
export function handle(pattern: string, handler: Handler): void {
  defaultServeMux.handle(pattern, handler);
}

/** Registers `fn` for `pattern` on {@link defaultServeMux}. */
export function handleFunc(pattern: string, fn: HandlerFunc): void {
  defaultServeMux.handleFunc(pattern, fn);
}
