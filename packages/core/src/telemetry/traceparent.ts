// W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` header read into
// a remote span context, for when no OpenTelemetry propagator is registered.
import type * as Otel from '@opentelemetry/api';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * The span context a `traceparent` value names, or undefined when it is malformed, uses the
 * invalid version ff, or names the all-zero trace or parent id (each to be ignored, §3.2.2).
 * Version 00 allows nothing after the flags; later versions may add fields, which are ignored.
 */
export function parseTraceparent(api: typeof Otel, traceparent: string, tracestate: string | null): Otel.SpanContext | undefined {
  const m = TRACEPARENT.exec(traceparent.trim());
  if (m === null) return undefined;
  const [, version, traceId, spanId, flags, rest] = m as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (!api.isValidTraceId(traceId) || !api.isValidSpanId(spanId)) return undefined;
  const context: Otel.SpanContext = { traceId, spanId, traceFlags: parseInt(flags, 16) & 1, isRemote: true };
  if (tracestate !== null && tracestate !== '') context.traceState = api.createTraceState(tracestate);
  return context;
}
