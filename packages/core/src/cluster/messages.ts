// The messages the primary and its workers exchange over the cluster's IPC channel.

/** From a worker: its Engine listens, at this address. */
export interface ListeningMessage {
  readonly sloe: 'listening';
  readonly port: number;
  readonly host: string;
  readonly address: string;
}

/** From the primary: stop accepting, finish what is in flight, and exit. */
export interface DrainMessage {
  readonly sloe: 'drain';
}

/** Whether `m` is a ListeningMessage. */
export function isListening(m: unknown): m is ListeningMessage {
  return (m as { sloe?: unknown } | null)?.sloe === 'listening';
}

/** Whether `m` is a DrainMessage. */
export function isDrain(m: unknown): m is DrainMessage {
  return (m as { sloe?: unknown } | null)?.sloe === 'drain';
}
