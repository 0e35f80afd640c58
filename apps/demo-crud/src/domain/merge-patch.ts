// JSON Merge Patch (RFC 7396): a patch object's members replace the target's, `null` removes a
// member, nested objects merge recursively, and any other patch (array, scalar) replaces the
// target whole.

/** A JSON object, as JSON.parse returns it. */
export type JsonObject = { [key: string]: unknown };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The result of applying `patch` to `target` (RFC 7396 §2); neither argument is modified. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const base: JsonObject = isJsonObject(target) ? target : {};
  const result: JsonObject = {};
  // Members keep the target's order; new ones follow in the patch's order.
  for (const [key, value] of Object.entries(base)) {
    if (!Object.hasOwn(patch, key)) define(result, key, value);
    else if (patch[key] !== null) define(result, key, applyMergePatch(value, patch[key]));
  }
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(base, key) && value !== null) define(result, key, applyMergePatch(undefined, value));
  }
  return result;
}

/** Sets an own data member, so a `__proto__` key from JSON.parse stays data and never a prototype. */
function define(o: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
