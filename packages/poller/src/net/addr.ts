// Addresses in Go's forms: `host:port`, `[ipv6]:port`, `:port`, and unix socket paths.
import { isIP } from 'node:net';
import type { Addr } from './conn.js';
import { AddrError, UnknownNetworkError } from './errors.js';

/** The networks `listen` and `dial` accept. */
export type Network = 'tcp' | 'tcp4' | 'tcp6' | 'unix';

/** A TCP endpoint (Go's `*net.TCPAddr`). */
export class TCPAddr implements Addr {
  readonly network = 'tcp';
  /** The IP address (IPv6 without brackets), or a host name when not yet resolved; empty for all interfaces. */
  readonly ip: string;
  /** The port number. */
  readonly port: number;

  constructor(ip: string, port: number) {
    this.ip = ip;
    this.port = port;
  }

  /** `ip:port`, with brackets around an IPv6 address. */
  toString(): string {
    return joinHostPort(this.ip, String(this.port));
  }
}

/** A unix domain socket endpoint (Go's `*net.UnixAddr`). */
export class UnixAddr implements Addr {
  readonly network = 'unix';
  /** The socket path; empty for an unnamed (client) end. */
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  /** The socket path. */
  toString(): string {
    return this.name;
  }
}

/** Checks a network name, throwing `UnknownNetworkError` for anything but the four supported. */
export function parseNetwork(network: string): Network {
  switch (network) {
    case 'tcp':
    case 'tcp4':
    case 'tcp6':
    case 'unix':
      return network;
    default:
      throw new UnknownNetworkError(network);
  }
}

/**
 * Splits `host:port`, `[host]:port` or `:port` into host and port, as Go's
 * `net.SplitHostPort` (the host keeps no brackets; an IPv6 host must be bracketed).
 */
export function splitHostPort(hostport: string): { host: string; port: string } {
  const colon = hostport.lastIndexOf(':');
  if (colon < 0) throw new AddrError('missing port in address', hostport);
  let host: string;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) throw new AddrError('missing \']\' in address', hostport);
    if (close + 1 !== colon) throw new AddrError(close + 1 === hostport.length ? 'missing port in address' : 'unexpected \']\' in address', hostport);
    host = hostport.slice(1, close);
  } else {
    host = hostport.slice(0, colon);
    if (host.includes(':')) throw new AddrError('too many colons in address', hostport);
    if (host.includes('[') || host.includes(']')) throw new AddrError('unexpected \'[\' or \']\' in address', hostport);
  }
  return { host, port: hostport.slice(colon + 1) };
}

/** Joins host and port into Go's form, bracketing a host that contains a colon (IPv6). */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, what a dual-stack socket reports for an IPv4
 * peer) as its IPv4 form, as Go prints it; any other address unchanged.
 */
export function unmapIPv4(ip: string): string {
  return ip.length > 7 && ip.startsWith('::ffff:') && ip.includes('.', 7) ? ip.slice(7) : ip;
}

/** Parses a decimal port in 0..65535. */
export function parsePort(port: string, address: string): number {
  if (!/^[0-9]{1,5}$/.test(port)) throw new AddrError(port === '' ? 'missing port in address' : 'invalid port', address);
  const n = Number(port);
  if (n > 65535) throw new AddrError('invalid port', address);
  return n;
}

/** Where a TCP socket binds or connects, with the address family the network imposes. */
export interface TcpTarget {
  /** The host to bind or connect to; empty means all interfaces (listen) or the local system (dial). */
  host: string;
  /** The port. */
  port: number;
  /** 4 or 6 for `tcp4`/`tcp6`, 0 for `tcp`. */
  family: 0 | 4 | 6;
}

/** Parses a TCP address for `network`, checking that a literal IP matches the network's family. */
export function parseTcpAddress(network: 'tcp' | 'tcp4' | 'tcp6', address: string): TcpTarget {
  const { host, port } = splitHostPort(address);
  const family = network === 'tcp4' ? 4 : network === 'tcp6' ? 6 : 0;
  const ipFamily = isIP(host.split('%')[0] ?? '');
  if (family !== 0 && ipFamily !== 0 && ipFamily !== family) {
    throw new AddrError(`no suitable address for ${network}`, address);
  }
  return { host, port: parsePort(port, address), family };
}
