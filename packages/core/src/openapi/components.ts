import type { JsonSchema } from '../validation/schema.js';

/** A JSON value of the OpenAPI document. */
export type OpenAPIValue = string | number | boolean | null | OpenAPIValue[] | { [k: string]: OpenAPIValue };
/** A JSON object of the OpenAPI document. */
export type OpenAPIObject = { [k: string]: OpenAPIValue };

const PREFIX = '#/components/schemas/';

/**
 * The named schemas of the document, `components.schemas`: a schema given a name in the
 * OpenAPI options (found by identity wherever a route uses it) or carrying a TypeBox `$id` is
 * written once there and referenced with `$ref` everywhere else; a `$ref` naming such an `$id`
 * (TypeBox's `Type.Ref`) points there too. Everything else is copied as plain JSON (TypeBox's
 * symbol keys and functions left out).
 */
export class SchemaComponents {
  readonly #named = new Map<object, string>();
  readonly #schemas: Record<string, OpenAPIObject> = {};
  // `$id` → component name, to resolve `$ref`s written by `$id`.
  readonly #ids = new Map<string, string>();
  readonly #refs: OpenAPIObject[] = [];

  /** `named`: schemas by the name they get in `components.schemas`. */
  constructor(named: Readonly<Record<string, JsonSchema>> = {}) {
    for (const [name, schema] of Object.entries(named)) this.#named.set(schema, componentName(name));
  }

  /** `schema` as the document writes it: a `$ref` when it is named, else plain JSON with its named parts referenced. */
  use(schema: JsonSchema): OpenAPIObject {
    return this.#convert(schema) as OpenAPIObject;
  }

  /** The named schemas used so far, by name; `$ref`s by `$id` resolved. */
  schemas(): Record<string, OpenAPIObject> {
    for (const r of this.#refs) {
      const name = this.#ids.get(r['$ref'] as string);
      if (name !== undefined) r['$ref'] = PREFIX + name;
    }
    return this.#schemas;
  }

  #convert(v: unknown): OpenAPIValue | undefined {
    if (Array.isArray(v)) return v.map((x) => this.#convert(x) ?? null);
    if (typeof v === 'object' && v !== null) return this.#object(v);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    return undefined;
  }

  #object(v: object): OpenAPIObject {
    const id = (v as { $id?: unknown }).$id;
    const name = this.#named.get(v) ?? (typeof id === 'string' ? componentName(id) : undefined);
    if (name === undefined) return this.#plain(v);
    if (typeof id === 'string') this.#ids.set(id, name);
    if (!Object.hasOwn(this.#schemas, name)) {
      // Claimed before its parts are converted, so a schema that contains itself ends.
      this.#schemas[name] = {};
      Object.assign(this.#schemas[name], this.#plain(v));
    }
    return { $ref: PREFIX + name };
  }

  #plain(v: object): OpenAPIObject {
    const out: OpenAPIObject = {};
    for (const [k, x] of Object.entries(v)) {
      // The component's name replaces its `$id`, which would change the base of its `$ref`s.
      if (k === '$id') continue;
      const converted = this.#convert(x);
      if (converted !== undefined) out[k] = converted;
    }
    if (typeof out['$ref'] === 'string' && !out['$ref'].startsWith('#')) this.#refs.push(out);
    return out;
  }
}

/** A name as components.schemas allows it (`^[a-zA-Z0-9.\-_]+$`). */
function componentName(name: string): string {
  return name.replace(/[^a-zA-Z0-9.\-_]/g, '_');
}
