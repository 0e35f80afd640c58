// The characters that end an attribute value, per delimiter.
import { Delim } from './context.js';

/**
 * For each delimiter, the characters that end the attribute value. The unquoted set was
 * determined empirically in browsers (Go's delimEnds).
 */
export const delimEnds: Readonly<Record<Delim, string>> = {
  [Delim.None]: '',
  [Delim.DoubleQuote]: '"',
  [Delim.SingleQuote]: "'",
  [Delim.SpaceOrTagEnd]: ' \t\n\f\r>',
};
