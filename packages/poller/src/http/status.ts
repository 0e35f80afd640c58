// Status reason phrases (RFC 9110 §15 and the IANA registry, as Go's StatusText) and the
// status lines built from them, each built once.

const reasons: Record<number, string> = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Content Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a teapot", 421: 'Misdirected Request', 422: 'Unprocessable Content', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 510: 'Not Extended', 511: 'Network Authentication Required',
};

/** The reason phrase of `status`, or '' for an unregistered one. */
export function statusText(status: number): string {
  return reasons[status] ?? '';
}

const lines11: string[] = [];
const lines10: string[] = [];

/** `HTTP/1.x <status> <reason>\r\n`, built once per status and version. */
export function statusLine(status: number, minor: number): string {
  const cache = minor === 0 ? lines10 : lines11;
  let line = cache[status];
  if (line === undefined) {
    line = `HTTP/1.${minor === 0 ? 0 : 1} ${status} ${statusText(status)}\r\n`;
    cache[status] = line;
  }
  return line;
}

/** Whether a response with this status never has a body (RFC 9110 §6.4.1). */
export function bodyForbidden(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}

/** Throws a RangeError unless `status` is a whole number from 100 to 999, as Go's checkWriteHeaderCode. */
export function checkStatusCode(status: number): void {
  if (!Number.isInteger(status) || status < 100 || status > 999) throw new RangeError(`invalid status code ${status}`);
}
