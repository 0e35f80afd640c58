import { BlockList, isIP } from 'node:net';

/** Strips the port (and IPv6 brackets) from a `host:port` remote address. */
export function hostOf(remoteAddr: string): string {
  if (remoteAddr.startsWith('[')) {
    const end = remoteAddr.indexOf(']');
    return end < 0 ? remoteAddr : remoteAddr.slice(1, end);
  }
  if (isIP(remoteAddr) !== 0) return remoteAddr;
  const colon = remoteAddr.lastIndexOf(':');
  return colon < 0 ? remoteAddr : remoteAddr.slice(0, colon);
}

/**
 * The set of proxies whose forwarding headers are believed: addresses and CIDR ranges. Empty by
 * default, so `X-Forwarded-For` from an arbitrary client is never trusted.
 */
export class TrustedProxies {
  #list = new BlockList();
  #empty = true;

  /** Builds the set from entries such as `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
  constructor(entries: readonly string[] = []) {
    for (const e of entries) {
      const slash = e.indexOf('/');
      const addr = slash < 0 ? e : e.slice(0, slash);
      const family = isIP(addr);
      if (family === 0) throw new TypeError(`trusted proxy ${JSON.stringify(e)} is not an IP address or CIDR range`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (slash < 0) this.#list.addAddress(addr, type);
      else this.#list.addSubnet(addr, Number(e.slice(slash + 1)), type);
      this.#empty = false;
    }
  }

  /** Whether no proxy is trusted (the default): then no address needs looking at. */
  get empty(): boolean {
    return this.#empty;
  }

  /** Whether `ip` is a trusted proxy. */
  has(ip: string): boolean {
    if (this.#empty) return false;
    const family = isIP(ip);
    if (family === 0) return false;
    return this.#list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The client's IP: the peer's address, unless the peer is trusted, in which case
   * `X-Forwarded-For` is walked from the right past trusted hops, then `X-Real-IP` is used.
   */
  clientIP(remoteAddr: string, forwardedFor: string | null | undefined, realIP: string | null | undefined): string {
    const peer = hostOf(remoteAddr);
    if (!this.has(peer)) return peer;
    if (forwardedFor !== null && forwardedFor !== undefined && forwardedFor !== '') {
      const hops = forwardedFor.split(',');
      for (let i = hops.length - 1; i >= 0; i--) {
        const hop = hops[i]!.trim();
        if (isIP(hop) === 0) break;
        if (i === 0 || !this.has(hop)) return hop;
      }
    }
    if (realIP !== null && realIP !== undefined && isIP(realIP.trim()) !== 0) return realIP.trim();
    return peer;
  }
}
