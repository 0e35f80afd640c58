// The shared transport suite's cases node:http answers differently from netpoll: what its C
// parser (llhttp) decides before the adapter sees the request. The node transport names them,
// and so does the HTTP/2 transport's HTTP/1.1 side, which is the node transport's dispatcher.

/** The node transport's known differences, by case id. */
export const nodeDifferences: Record<string, string> = {
  'method-unknown': "node's parser knows a fixed list of methods: BREW gets its 400, not 501",
  'method-added': "node's parser rejects a method outside its list with 400 even when the methods option admits it (FROB)",
  'http-version-unknown': "node's parser rejects HTTP/3.0 itself with 400, not 505",
  'http-1x-as-11': "node's parser refuses HTTP/1.2 itself with 400; the node transport never enables insecureHTTPParser to change that",
  'rtsp-not-http': "node's parser reads RTSP/1.0 as HTTP/1.0 and hands the request on; the node transport never enables insecureHTTPParser, and cannot see the protocol name to refuse it",
  'length-mismatch-head-end-long':
    'node:http sends no body for HEAD and does not hold it to the declared Content-Length: no error, the connection stays open (and in step)',
  'length-mismatch-head-write-long':
    'node:http sends no body for HEAD and does not hold it to the declared Content-Length: no error, the connection stays open (and in step)',
  'pipelined-unread-past-header-timeout':
    "node:http times a head from when its parser began it, even while it stopped reading because the client took no answers: the stall counts against headersTimeout and the connection is closed",
};
