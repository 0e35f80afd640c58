// Loads a package the telemetry middleware use only when they are created, so an application
// that never asks for metrics or traces never loads prom-client or @opentelemetry/api.
import { createRequire } from 'node:module';
import type * as Otel from '@opentelemetry/api';
import type * as Prom from 'prom-client';

const requireHere = createRequire(import.meta.url);

/** The packages loaded on demand, by name. */
interface OnDemand {
  'prom-client': typeof Prom;
  '@opentelemetry/api': typeof Otel;
}

/** `require(name)`, run when a factory needing the package is called. */
export function loadPackage<K extends keyof OnDemand>(name: K): OnDemand[K] {
  return requireHere(name) as OnDemand[K];
}
