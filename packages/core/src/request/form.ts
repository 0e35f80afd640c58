import { decodeUTF8 } from './utf8.js';

/** One uploaded file from a multipart form. */
export interface FormFile {
  /** The form field's name. */
  readonly field: string;
  /** The file name the client sent. */
  readonly filename: string;
  /** The part's Content-Type (`application/octet-stream` when absent). */
  readonly type: string;
  /** The file's size in bytes. */
  readonly size: number;
  /** The file's contents. */
  readonly data: Uint8Array;
}

/** A parsed form: text fields and files, each name keeping every value in order. */
export class Form {
  /** Text fields by name. */
  readonly fields = new Map<string, string[]>();
  /** Files by field name. */
  readonly files = new Map<string, FormFile[]>();

  /** Adds a text field value. */
  addField(name: string, value: string): void {
    const list = this.fields.get(name);
    if (list === undefined) this.fields.set(name, [value]);
    else list.push(value);
  }

  /** Adds a file. */
  addFile(file: FormFile): void {
    const list = this.files.get(file.field);
    if (list === undefined) this.files.set(file.field, [file]);
    else list.push(file);
  }

  /** The first value of a text field, or undefined. */
  get(name: string): string | undefined {
    return this.fields.get(name)?.[0];
  }

  /** The fields as a plain object: one value gives a string, several an array (for schemas). */
  toObject(): Record<string, string | string[]> {
    // fromEntries defines own properties: a field named __proto__ is a field, not a prototype.
    return Object.fromEntries([...this.fields].map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
  }
}

/**
 * Parses an `application/x-www-form-urlencoded` body as URLSearchParams does (WHATWG), except
 * that percent-encoded bytes that are not UTF-8 are refused (400 ERR_CORE_INVALID_UTF8) rather
 * than replaced with U+FFFD.
 */
export function parseUrlencoded(text: string): Form {
  const form = new Form();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    form.addField(percentDecode(name), eq < 0 ? '' : percentDecode(pair.slice(eq + 1)));
  }
  return form;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** One name or value: `+` is a space, `%XX` a byte (a `%` without two hex digits stays). */
function percentDecode(s: string): string {
  const spaced = s.replace(/\+/g, ' ');
  if (!spaced.includes('%')) return spaced;
  const bytes = Buffer.from(spaced, 'utf8');
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes[i] === 0x25 ? bytes.toString('latin1', i + 1, i + 3) : '';
    if (HEX.test(hex)) {
      out[n++] = parseInt(hex, 16);
      i += 2;
    } else out[n++] = bytes[i]!;
  }
  return decodeUTF8(out.subarray(0, n), 'form field');
}
