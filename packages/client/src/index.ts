// The public API of @sloe/client.

/** The package's version, as published. */
export const VERSION = '0.1.0';

export { client } from './client.js';
export type { ClientOptions, HeaderList } from './client.js';
export type { Client, ClientNode, Endpoint, Input, UntypedClient, UntypedEndpoint, UntypedInput } from './types.js';
export type { ClientResponse, ResponseOf, ServerErrorStatus, UntypedResponse, ValidationErrorBody } from './response.js';
export type { QueryValue } from './query.js';
export type { ParamValues } from './path.js';
export { fillPath } from './path.js';
export { ClientError, clientErrorCodes } from './errors.js';
export type { ClientErrorCode } from './errors.js';
