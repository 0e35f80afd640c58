/** The package's version, as published. */
export const VERSION = '0.1.0';

export { Router } from './router.js';
export { Params } from './params.js';
export type { Handle, HandleRequest, HandleWriter } from './serve.js';
export type { RouteInfo } from './router.js';
export type { RouterOptions } from './options.js';
export type { Lookup, Match, Found, Redirect, MethodNotAllowed, BadRequest, NotFound } from './lookup.js';
export { RouteError, ROUTE_ERROR_CODES } from './errors.js';
export type { RouteErrorCode } from './errors.js';
