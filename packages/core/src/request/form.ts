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
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of this.fields) out[k] = v.length === 1 ? v[0]! : v;
    return out;
  }
}

/** Parses an `application/x-www-form-urlencoded` body. */
export function parseUrlencoded(text: string): Form {
  const form = new Form();
  for (const [k, v] of new URLSearchParams(text)) form.addField(k, v);
  return form;
}
