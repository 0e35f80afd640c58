// The remote address of a request, from the socket node serves it on.
import { joinHostPort, unmapIPv4 } from '../net/addr.js';

/** The peer of `socket` as `host:port` (`[::1]:5000`, an IPv4-mapped address as IPv4), as netpoll gives it. */
export function remoteAddrOf(socket: { readonly remoteAddress?: string | undefined; readonly remotePort?: number | undefined } | undefined): string {
  return joinHostPort(unmapIPv4(socket?.remoteAddress ?? ''), String(socket?.remotePort ?? 0));
}
