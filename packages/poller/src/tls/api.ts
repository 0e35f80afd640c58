// The functions of the `tls` namespace: Go's tls.Listen and tls.Dial by their Go names.
export { listen } from './listen.js';
export { dial } from './dial.js';
