// The engines whose servers a registry's metrics report, summed once per scrape.
import type * as Prom from 'prom-client';
import type { EngineStats } from '../serving.js';

/**
 * The engines a registry's metrics middleware has served. A scrape reads three metrics from
 * their counts (open connections, connections accepted, parse errors): the first read sums
 * every engine's transports, and the others of the same scrape take that sum. prom-client
 * collects every metric of a scrape in one synchronous pass, so the sum is kept until the
 * current task's microtasks run.
 */
export class StatsSources {
  readonly #sources = new Set<() => EngineStats>();
  #snapshot: EngineStats | undefined;

  /** Adds an engine's counts; adding the same one again does nothing. */
  add(source: () => EngineStats): void {
    this.#sources.add(source);
  }

  /** Every engine's counts summed, once per scrape. */
  snapshot(): EngineStats {
    if (this.#snapshot === undefined) {
      this.#snapshot = this.#sum();
      queueMicrotask(() => {
        this.#snapshot = undefined;
      });
    }
    return this.#snapshot;
  }

  #sum(): EngineStats {
    let inflight = 0;
    let connections = 0;
    let accepted = 0;
    let parseErrors = 0;
    for (const s of this.#sources) {
      const x = s();
      inflight += x.inflight;
      connections += x.connections;
      accepted += x.accepted;
      parseErrors += x.parseErrors;
    }
    return { inflight, connections, accepted, parseErrors };
  }
}

const byRegistry = new WeakMap<Prom.Registry, StatsSources>();

/**
 * The sources of `registry`: one set per registry, so that a second `metrics()` on it, whose
 * metrics are the first one's, reports its engines too.
 */
export function statsSourcesOf(registry: Prom.Registry): StatsSources {
  let sources = byRegistry.get(registry);
  if (sources === undefined) {
    sources = new StatsSources();
    byRegistry.set(registry, sources);
  }
  return sources;
}
