// Prometheus metrics with prom-client: a duration histogram and an in-flight gauge per route
// pattern, and the transports' connection and parse-error counts, read when scraped.
import type * as Prom from 'prom-client';
import { Context, type HandlerFunc } from '../context.js';
import { checkOptions, optionCheck } from '../middleware/options-check.js';
import { loadPackage } from './load.js';
import { methodLabel, routeLabel } from './labels.js';
import { statsSourcesOf } from './stats-sources.js';

/** Options of {@link metrics}. */
export interface MetricsOptions {
  /** Where the metrics are registered. Default prom-client's global `register`. */
  registry?: Prom.Registry;
  /**
   * Histogram buckets of `http_server_request_duration_seconds`, in seconds. Default the
   * OpenTelemetry HTTP semantic conventions' (5 ms … 10 s).
   */
  buckets?: readonly number[];
  /** Prefix for every metric's name (`myapp_`). Default none. */
  prefix?: string;
  /** Also collect prom-client's default process metrics (CPU, memory, event loop lag). Default false. */
  defaultMetrics?: boolean;
}

/** Options of {@link metricsHandler}. */
export interface MetricsHandlerOptions {
  /** The registry to expose. Default prom-client's global `register`. */
  registry?: Prom.Registry;
}

/** The OpenTelemetry semantic conventions' buckets for `http.server.request.duration`. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

type Labels = 'method' | 'route' | 'status_class';

// A metric of that name already in the registry (a second `metrics()` on the same registry),
// or a new one.
function reuse<T extends Prom.Metric>(registry: Prom.Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * Records every request in Prometheus metrics (prom-client, loaded when this is called):
 *
 * - `http_server_request_duration_seconds`, a histogram labelled `method`, `route` (the route's
 *   pattern, `unmatched` when none) and `status_class` (`2xx`…`5xx`);
 * - `http_server_active_requests`, a gauge of requests in flight labelled `method` and `route`;
 * - `http_server_open_connections`, `http_server_connections_total` and
 *   `http_server_parse_errors_total`: what the Engine's transports count, read when scraped.
 *
 * Use it on the Engine (`app.use(metrics())`) so every request is seen, and expose the registry
 * with `app.get('/metrics', metricsHandler())`.
 */
export function metrics(options: MetricsOptions = {}): HandlerFunc {
  checkOptions('metrics', options, ['registry', 'buckets', 'prefix', 'defaultMetrics']);
  const buckets = options.buckets ?? DEFAULT_BUCKETS;
  optionCheck('metrics', buckets.length > 0 && buckets.every((b) => Number.isFinite(b) && b > 0), 'buckets must be positive numbers');
  const prefix = options.prefix ?? '';
  optionCheck('metrics', /^([a-zA-Z_:][a-zA-Z0-9_:]*)?$/.test(prefix), `prefix "${prefix}" is not a valid metric name start`);
  const prom = loadPackage('prom-client');
  const registry = options.registry ?? prom.register;
  const registers = [registry];
  if (options.defaultMetrics === true) prom.collectDefaultMetrics({ register: registry, prefix });

  const duration = reuse(registry, `${prefix}http_server_request_duration_seconds`, () =>
    new prom.Histogram<Labels>({
      name: `${prefix}http_server_request_duration_seconds`,
      help: 'Duration of HTTP server requests, from routing to the end of the handler chain.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [...buckets],
      registers,
    }),
  );
  const active = reuse(registry, `${prefix}http_server_active_requests`, () =>
    new prom.Gauge<'method' | 'route'>({
      name: `${prefix}http_server_active_requests`,
      help: 'HTTP server requests in flight.',
      labelNames: ['method', 'route'],
      registers,
    }),
  );
  const sources = statsSourcesOf(registry);
  reuse(registry, `${prefix}http_server_open_connections`, () =>
    new prom.Gauge({
      name: `${prefix}http_server_open_connections`,
      help: 'Connections open on the servers the application listens with.',
      registers,
      collect() {
        this.set(sources.snapshot().connections);
      },
    }),
  );
  reuse(registry, `${prefix}http_server_connections_total`, () =>
    new prom.Counter({
      name: `${prefix}http_server_connections_total`,
      help: 'Connections accepted by the servers the application listens with.',
      registers,
      collect() {
        this.reset();
        this.inc(sources.snapshot().accepted);
      },
    }),
  );
  reuse(registry, `${prefix}http_server_parse_errors_total`, () =>
    new prom.Counter({
      name: `${prefix}http_server_parse_errors_total`,
      help: 'Requests the transport refused as malformed, too large or against a rule, before any handler.',
      registers,
      collect() {
        this.reset();
        this.inc(sources.snapshot().parseErrors);
      },
    }),
  );

  return async function metrics(c: Context): Promise<void> {
    sources.add(Context.statsSourceOf(c));
    const method = methodLabel(c.method);
    const route = routeLabel(c.fullPath());
    const start = performance.now();
    active.inc({ method, route });
    try {
      await c.next();
    } finally {
      active.dec({ method, route });
      const status = c.isAborted() && !c.written ? 500 : c.responseStatus;
      duration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, (performance.now() - start) / 1000);
    }
  };
}

/**
 * Answers with the registry's metrics in Prometheus' text format (or OpenMetrics when the
 * registry is one): `app.get('/metrics', metricsHandler())`.
 */
export function metricsHandler(options: MetricsHandlerOptions = {}): HandlerFunc {
  checkOptions('metricsHandler', options, ['registry']);
  const prom = loadPackage('prom-client');
  const registry = options.registry ?? prom.register;
  return async function metricsHandler(c: Context): Promise<void> {
    const text = await registry.metrics();
    c.setHeader('Cache-Control', 'no-store');
    c.data(200, registry.contentType, text);
  };
}
