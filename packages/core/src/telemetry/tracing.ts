// OpenTelemetry tracing in the Engine: a server span per request named by method and route
// pattern, with the HTTP semantic conventions' attributes, the caller's context taken from
// `traceparent`, and the request's log lines bound to the trace.
import type * as Otel from '@opentelemetry/api';
import type { Context, HandlerFunc } from '../context.js';
import { errorStatus } from '../errors.js';
import { VERSION } from '../version.js';
import { checkOptions, optionCheck } from '../middleware/options-check.js';
import { loadPackage } from './load.js';
import { methodLabel } from './labels.js';
import { parseTraceparent } from './traceparent.js';

/** Options of {@link tracing}. */
export interface TracingOptions {
  /** The tracer spans are started with. Default the one `tracerProvider` gives for `@sloe/core`. */
  tracer?: Otel.Tracer;
  /** Where the tracer comes from when none is given. Default the global provider (`trace.setGlobalTracerProvider`). */
  tracerProvider?: Otel.TracerProvider;
  /**
   * Reads the caller's trace context from the request headers. Default the global propagator
   * and, when it finds no span (none is registered, or it speaks another format), W3C `traceparent`.
   */
  propagator?: Otel.TextMapPropagator;
  /** Request paths not traced (health checks). Default none. */
  skip?: readonly string[];
  /** Request headers recorded as `http.request.header.<name>` attributes (lower case names). Default none. */
  requestHeaders?: readonly string[];
}

const getter: Otel.TextMapGetter<Context> = {
  keys: (c) => [...new Set(Array.from(c.req.headers, ([name]) => name.toLowerCase()))],
  get: (c, key) => c.req.headers.get(key) ?? undefined,
};

// `host:port` of the Host header, split for `server.address` and `server.port`.
function hostAndPort(host: string | null): [string, number | undefined] | undefined {
  if (host === null || host === '') return undefined;
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  if (m === null) return undefined;
  return [m[1]!, m[2] === undefined ? undefined : Number(m[2])];
}

function errorType(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code;
  return err instanceof Error ? err.constructor.name : 'Error';
}

/**
 * Traces every request with OpenTelemetry (@opentelemetry/api, loaded when this is called): a
 * SERVER span named `GET /users/:id` (the method and the route's full pattern, `http.route`),
 * with the stable HTTP semantic-convention attributes, the response status, server errors set
 * as the span's status and exceptions recorded. The span is the active one while the chain runs
 * (when a context manager is registered) and is stored as `c.get('span')`; `c.log` lines carry
 * `trace_id` and `span_id`.
 *
 * Spans are exported by whatever SDK the application registers; with none registered the API is
 * a no-op and so is this. Use it on the Engine (`app.use(tracing())`), after `logger()` and
 * `recovery()` or before them: both orders see errors and statuses.
 */
export function tracing(options: TracingOptions = {}): HandlerFunc {
  checkOptions('tracing', options, ['tracer', 'tracerProvider', 'propagator', 'skip', 'requestHeaders']);
  const headers = (options.requestHeaders ?? []).map((h) => h.toLowerCase());
  optionCheck('tracing', headers.every((h) => /^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(h)), 'requestHeaders must be header names');
  const api = loadPackage('@opentelemetry/api');
  const tracer = options.tracer ?? (options.tracerProvider ?? api.trace.getTracerProvider()).getTracer('@sloe/core', VERSION);
  const propagator = options.propagator;
  const skip = new Set(options.skip ?? []);

  const parentOf = (c: Context): Otel.Context => {
    const extracted = (propagator ?? api.propagation).extract(api.ROOT_CONTEXT, c, getter);
    if (propagator !== undefined || api.trace.getSpanContext(extracted) !== undefined) return extracted;
    const traceparent = c.req.headers.get('traceparent');
    if (traceparent === null) return extracted;
    const remote = parseTraceparent(api, traceparent, c.req.headers.get('tracestate'));
    return remote === undefined ? extracted : api.trace.setSpanContext(extracted, remote);
  };

  return async function tracing(c: Context): Promise<void> {
    if (skip.has(c.path)) return c.next();
    const method = methodLabel(c.method);
    const route = c.fullPath();
    const attributes: Otel.Attributes = {
      'http.request.method': method,
      'url.path': c.path,
      'url.scheme': c.protocol(),
      'network.protocol.version': c.req.proto.replace(/^HTTP\//, ''),
      'client.address': c.clientIP(),
    };
    if (method === '_OTHER') attributes['http.request.method_original'] = c.method;
    if (route !== '') attributes['http.route'] = route;
    const query = c.req.rawQuery;
    if (query !== '') attributes['url.query'] = query;
    const server = hostAndPort(c.req.headers.get('host'));
    if (server !== undefined) {
      attributes['server.address'] = server[0];
      if (server[1] !== undefined) attributes['server.port'] = server[1];
    }
    const agent = c.req.headers.get('user-agent');
    if (agent !== null) attributes['user_agent.original'] = agent;
    for (const h of headers) {
      const v = c.req.headers.get(h);
      if (v !== null) attributes[`http.request.header.${h}`] = [v];
    }
    const name = route === '' ? (method === '_OTHER' ? 'HTTP' : method) : `${method === '_OTHER' ? 'HTTP' : method} ${route}`;
    const parent = parentOf(c);
    const span = tracer.startSpan(name, { kind: api.SpanKind.SERVER, attributes }, parent);
    const sc = span.spanContext();
    c.set('span', span);
    // A no-op tracer without a caller's trace gives an invalid context: nothing to bind.
    if (api.trace.isSpanContextValid(sc)) c.logWith({ trace_id: sc.traceId, span_id: sc.spanId });
    let thrown: { err: unknown } | undefined;
    try {
      await api.context.with(api.trace.setSpan(parent, span), () => c.next());
    } catch (err) {
      thrown = { err };
      throw err;
    } finally {
      const errors = thrown === undefined ? c.errors : [...c.errors.filter((e) => e !== thrown!.err), thrown.err];
      for (const err of errors) span.recordException(err instanceof Error ? err : String(err));
      const status = thrown !== undefined && !c.written ? errorStatus(thrown.err) : c.responseStatus;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) {
        const last = errors.at(-1);
        span.setAttribute('error.type', last === undefined ? String(status) : errorType(last));
        span.setStatus({ code: api.SpanStatusCode.ERROR, ...(last instanceof Error ? { message: last.message } : {}) });
      }
      span.end();
    }
  };
}
