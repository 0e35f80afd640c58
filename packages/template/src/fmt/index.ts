// Go's fmt for @sloe/template: Sprint, Sprintln, Sprintf, and the Go view of JavaScript values.
export { sprintf, sprint, sprintln } from './print.js';
export { NamedString, Complex128, Float64, TypedNil, goTypeName } from './gotypes.js';
export { compareKeys, compareCodePoints } from './mapsort.js';
export {
  type GoKind,
  kindOf,
  typeName,
  isGoInt,
  isNil,
  isPlainObject,
  stringValue,
  sliceElements,
  mapEntries,
  structFields,
  declaredTypeName,
} from './value.js';
