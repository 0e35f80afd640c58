// Go's fmt for @sloe/template: Sprint, Sprintln, Sprintf, and the Go view of JavaScript values.
export { sprintf, sprint, sprintln } from './print.js';
export {
  type GoKind,
  NamedString,
  Complex128,
  Float64,
  TypedNil,
  goTypeName,
  kindOf,
  typeName,
  isGoInt,
  isNil,
  isPlainObject,
  stringValue,
  sliceElements,
  mapEntries,
  structFields,
  compareKeys,
  compareCodePoints,
  declaredTypeName,
} from './value.js';
