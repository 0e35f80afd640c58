import { HttpError } from '../errors.js';
import type { Request } from '../http/contract.js';
import { bodyKind, type BodyKind } from './content-type.js';
import { Form, parseUrlencoded } from './form.js';
import { parseMultipart } from './multipart.js';
import { readBody } from './read-body.js';
import { decodeUTF8 } from './utf8.js';

/** Size limits on request bodies; each exceeded limit answers 413. */
export interface BodyLimits {
  /** Largest JSON, text or urlencoded body, in bytes. Default 1 MiB. */
  body: number;
  /** Largest multipart body, in bytes. Default 32 MiB. */
  multipart: number;
  /** Largest file in a multipart body, in bytes. Default 10 MiB. */
  file: number;
  /** Most parts in a multipart body. Default 1000. */
  parts: number;
}

function unsupported(type: string | null | undefined): HttpError {
  return new HttpError(415, `unsupported Content-Type ${JSON.stringify(type ?? '')}`, { code: 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE' });
}

/**
 * Reads a request body once and keeps it: every reader (`bytes`, `text`, `json`, `form`) may be
 * called any number of times, and binding after reading sees the same body.
 */
export class BodyReader {
  #req: Request;
  #limits: BodyLimits;
  #bytes: Promise<Uint8Array> | undefined;
  #json: Promise<unknown> | undefined;
  #form: Promise<Form> | undefined;

  /** Wraps the request; nothing is read until a reader is called. */
  constructor(req: Request, limits: BodyLimits) {
    this.#req = req;
    this.#limits = limits;
  }

  /** The raw body bytes (413 past the limit). */
  bytes(): Promise<Uint8Array> {
    const multipart = bodyKind(this.#req.headers.get('content-type')) === 'multipart';
    this.#bytes ??= readBody(this.#req, multipart ? this.#limits.multipart : this.#limits.body);
    return this.#bytes;
  }

  /** The body as UTF-8 text; 400 when it is not valid UTF-8. */
  async text(): Promise<string> {
    return decodeUTF8(await this.bytes());
  }

  /**
   * The body parsed as JSON: 400 when it is empty or malformed, 415 when the request declares a
   * Content-Type that is not JSON.
   */
  json(): Promise<unknown> {
    this.#json ??= this.#parseJSON();
    return this.#json;
  }

  async #parseJSON(): Promise<unknown> {
    const type = this.#req.headers.get('content-type');
    const kind = bodyKind(type);
    if (kind !== 'json' && kind !== 'none') throw unsupported(type);
    const bytes = await this.bytes();
    if (bytes.length === 0) throw new HttpError(400, 'request body is empty; expected JSON', { code: 'ERR_CORE_INVALID_JSON' });
    const text = decodeUTF8(bytes);
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new HttpError(400, `malformed JSON body: ${err instanceof Error ? err.message : String(err)}`, { code: 'ERR_CORE_INVALID_JSON' });
    }
  }

  /** The body as a form (urlencoded or multipart); 415 for any other Content-Type. */
  form(): Promise<Form> {
    this.#form ??= this.#parseForm();
    return this.#form;
  }

  async #parseForm(): Promise<Form> {
    const type = this.#req.headers.get('content-type');
    const kind = bodyKind(type);
    if (kind === 'urlencoded') return parseUrlencoded(await this.text());
    if (kind === 'multipart') {
      const limits = this.#limits;
      return parseMultipart(await this.bytes(), type ?? '', { fileSize: limits.file, parts: limits.parts });
    }
    if (kind === 'none' && (await this.bytes()).length === 0) return new Form();
    throw unsupported(type);
  }

  /**
   * The body as a route schema sees it: JSON parsed, forms as objects of fields, undefined when
   * there is none; 415 for a Content-Type that cannot be read that way.
   */
  parsed(): Promise<unknown> {
    const type = this.#req.headers.get('content-type');
    const kind = bodyKind(type);
    // Hot path: a JSON body's promise is handed on as it is, without an async frame around it.
    if (kind === 'json') return this.json();
    return this.#parsedOther(kind, type);
  }

  async #parsedOther(kind: BodyKind, type: string | null): Promise<unknown> {
    switch (kind) {
      case 'json':
        return this.json();
      case 'urlencoded':
      case 'multipart':
        return (await this.form()).toObject();
      case 'none':
        if ((await this.bytes()).length === 0) return undefined;
        throw unsupported(type);
      case 'text':
      case 'other':
        throw unsupported(type);
    }
  }
}
