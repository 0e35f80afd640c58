// What a call resolves to: the answer's status, body and headers, typed by the route's
// documented responses as a union discriminated by `status`.
import type { Infer } from '@sloe/core';
import { ClientError } from './errors.js';

/** An answer with status `S` and body `B`. */
export interface ClientResponse<S extends number, B> {
  /** The status code; narrows the union to the answers of that status. */
  readonly status: S;
  /** Whether the status is 2xx. */
  readonly ok: `${S}` extends `2${string}` ? true : false;
  /**
   * The body: parsed JSON when the answer says it is JSON, text otherwise, null when there is
   * none (204, 304, HEAD, an empty body).
   */
  readonly body: B;
  /** The answer's headers. */
  readonly headers: Headers;
  /** The URL requested: base URL, filled path and query. */
  readonly url: URL;
  /** The fetch Response, its body already read. */
  readonly response: Response;
}

/**
 * The server errors any route can answer whatever it documents: a handler that throws (500), a
 * timeout or an overloaded server (503), a proxy in front of it (502, 504). Their body is
 * unknown unless the route documents the status, which then takes its place.
 */
export type ServerErrorStatus = 500 | 502 | 503 | 504;

/** An answer of a route that documents no responses: any status, an unknown body. */
export interface UntypedResponse {
  /** The status code. */
  readonly status: number;
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** The body: parsed JSON, text, or null. */
  readonly body: unknown;
  /** The answer's headers. */
  readonly headers: Headers;
  /** The URL requested: base URL, filled path and query. */
  readonly url: URL;
  /** The fetch Response, its body already read. */
  readonly response: Response;
}

/** The body of sloe's 400 for a request its schemas refuse. */
export interface ValidationErrorBody {
  readonly error: 'validation';
  readonly message: string;
  readonly details: readonly { readonly in: 'body' | 'query' | 'params' | 'headers'; readonly path: string; readonly message: string }[];
}

/** The answers documented in `schema.response`, one union member per status. */
type Documented<R> = { [K in keyof R & number]: ClientResponse<K, Infer<R[K]>> }[keyof R & number];

/** The automatic 400 of a route whose request schemas can refuse a request, unless the route documents its own. */
type Refusal<S, R> = 400 extends keyof R ? never : S extends { body: object } | { query: object } | { params: object } | { headers: object } ? ClientResponse<400, ValidationErrorBody> : never;

/** The server errors the route does not document itself, with an unknown body. */
type ServerErrors<R> = [Exclude<ServerErrorStatus, keyof R>] extends [never] ? never : ClientResponse<Exclude<ServerErrorStatus, keyof R>, unknown>;

/**
 * What a call of a route with schema `S` resolves to, a union discriminated by `status`: one
 * member per status documented in `schema.response`, the 400 its request schemas answer, and
 * the {@link ServerErrorStatus} answers. A route without response schemas gives
 * {@link UntypedResponse}. A status outside these (a 401 from a middleware the schema does not
 * document) still resolves, with that status: document every status a route can answer.
 */
export type ResponseOf<S> = S extends { response: infer R } ? Documented<R> | Refusal<S, R> | ServerErrors<R> : UntypedResponse;

/** The response as the client gives it, its body read (see {@link ClientResponse.body}). */
export async function readResponse(method: string, url: URL, response: Response): Promise<UntypedResponse> {
  return { status: response.status, ok: response.ok, body: await readBody(method, url, response), headers: response.headers, url, response };
}

const NO_BODY = new Set([204, 205, 304]);

async function readBody(method: string, url: URL, response: Response): Promise<unknown> {
  if (method === 'HEAD' || NO_BODY.has(response.status)) return null;
  const text = await response.text();
  if (text === '') return null;
  if (!isJSON(response.headers.get('content-type'))) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ClientError('ERR_CLIENT_BODY', `${method} ${url.href}: ${response.status} says it is JSON but does not parse`, { cause: err });
  }
}

// application/json, and the structured +json types (problem+json, merge-patch+json).
function isJSON(contentType: string | null): boolean {
  if (contentType === null) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
