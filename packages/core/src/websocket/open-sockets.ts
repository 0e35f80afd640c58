// The WebSockets an Engine has open, so that closing the Engine closes them with 1001.
import type { WebSocket } from './socket.js';

/** The open sockets of one Engine. */
export class OpenSockets {
  readonly #sockets = new Set<WebSocket>();

  /** How many are open. */
  get size(): number {
    return this.#sockets.size;
  }

  /** Tracks `ws` until it closes. */
  add(ws: WebSocket): void {
    this.#sockets.add(ws);
    void ws.closed.then(() => this.#sockets.delete(ws));
  }

  /**
   * Closes every open socket with 1001 (going away) and waits for their closing handshakes, at
   * most `timeout` ms; the ones still open then are dropped.
   */
  async close(timeout: number): Promise<void> {
    if (this.#sockets.size === 0) return;
    const sockets = [...this.#sockets];
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeout);
    });
    await Promise.race([Promise.all(sockets.map((s) => s.close(1001, 'server shutting down'))), expired]);
    clearTimeout(timer);
    for (const s of sockets) if (s.readyState !== 'closed') s.terminate();
  }
}
