import { HttpError } from '../errors.js';
import { decodeUTF8 } from './utf8.js';
import { parseMediaType } from './content-type.js';
import { Form } from './form.js';
import { tooLarge } from './read-body.js';

/** Limits applied while parsing a multipart body. */
export interface MultipartLimits {
  /** Largest file part, in bytes. */
  fileSize: number;
  /** Most parts. */
  parts: number;
}

function malformed(why: string): HttpError {
  return new HttpError(400, `malformed multipart body: ${why}`, { code: 'ERR_CORE_MALFORMED_FORM' });
}

/** Parses a `multipart/form-data` body (RFC 7578) already read into memory. */
export function parseMultipart(body: Uint8Array, contentType: string, limits: MultipartLimits): Form {
  const boundary = parseMediaType(contentType).params['boundary'];
  if (boundary === undefined || boundary === '') throw malformed('no boundary');
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const form = new Form();
  let pos = buf.indexOf(delimiter);
  if (pos < 0) throw malformed('no opening boundary');
  let count = 0;
  for (;;) {
    pos += delimiter.length;
    if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) return form;
    if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) pos += 2;
    else throw malformed('boundary not followed by CRLF');
    const headEnd = buf.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw malformed('part headers not terminated');
    const head = buf.subarray(pos, headEnd).toString('utf8');
    const next = buf.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next < 0) throw malformed('no closing boundary');
    if (++count > limits.parts) throw new HttpError(413, `more than ${limits.parts} form parts`, { code: 'ERR_CORE_BODY_TOO_LARGE' });
    addPart(form, head, buf.subarray(headEnd + 4, next), limits);
    pos = next + 2;
  }
}

function addPart(form: Form, head: string, data: Buffer, limits: MultipartLimits): void {
  let disposition = '';
  let type = 'application/octet-stream';
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') type = value;
  }
  const { type: kind, params } = parseMediaType(disposition);
  const field = params['name'];
  if (kind !== 'form-data' || field === undefined) throw malformed('part without a form-data name');
  const filename = params['filename'];
  if (filename === undefined) {
    form.addField(field, decodeUTF8(data, `form field ${JSON.stringify(field)}`));
    return;
  }
  if (data.length > limits.fileSize) throw tooLarge(limits.fileSize);
  form.addFile({ field, filename, type, size: data.length, data: new Uint8Array(data) });
}
