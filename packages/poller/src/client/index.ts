// The HTTP client area of @sloe/poller: Go's net/http client on the poller's own HTTP/1.1 stack.
export { Client, defaultClient, errUseLastResponse, UseLastResponse, get, head, post, postForm } from './client.js';
export type { CheckRedirectFunc, ClientOptions, FormValues } from './client.js';
export { ClientRequest, newRequest } from './request.js';
export type { NewRequestOptions, RequestBodyInit } from './request.js';
export { ClientResponse, ResponseBody } from './response.js';
export type { ResponseBodySource, ResponseReadOptions } from './response.js';
export { ClientTransport, defaultTransport } from './transport.js';
export type { ClientTransportOptions, DialFunc, DialTLSFunc, RoundTripper } from './transport.js';
export { ClientError, clientErrorCodes } from './errors.js';
export type { ClientErrorCode } from './errors.js';
export { MemoryCookieJar } from './cookie-jar.js';
export type { CookieJar } from './cookie-jar.js';
export { parseSetCookie, readSetCookies } from './cookie.js';
export type { Cookie } from './cookie.js';
