// The bufio area of @sloe/poller: Go's Scanner and its split functions.
export { Scanner, maxScanTokenSize } from './scanner.js';
export type { ByteReader, ScannerSource } from './scanner.js';
export { scanBytes, scanLines, scanRunes, scanWords } from './split.js';
export type { SplitFunc } from './split.js';
export { ScannerError, errFinalToken, scannerErrorCodes } from './errors.js';
export type { ScannerErrorCode } from './errors.js';
