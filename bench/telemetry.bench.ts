// `npm run bench telemetry`: what metrics() and tracing() cost when enabled. The same Engine
// route (GET /users/:id answering a small JSON object) is served in memory with `inject`, bare and
// behind each middleware, in interleaved rounds; the medians and each variant's throughput as a
// ratio of the bare route's are printed. In memory, without sockets or parsing, a middleware's
// cost is the largest share of a request it can be: over HTTP the ratios are closer to 1.
//
//   node --import tsx bench/telemetry.bench.ts [--rounds 7] [--ms 600]
import { Registry } from 'prom-client';
import { AlwaysOnSampler, BasicTracerProvider, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { Engine, metrics, tracing, type HandlerFunc } from '../packages/core/src/index.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = flag('rounds', 7);
const MS = flag('ms', 600);

/** An exporter that drops every span: the SDK's full cost per span, without I/O. */
class DroppingExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[], done: (result: { code: 0 }) => void): void {
    this.exported += spans.length;
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function sdkTracing(): HandlerFunc {
  const provider = new BasicTracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [new SimpleSpanProcessor(new DroppingExporter())] });
  return tracing({ tracerProvider: provider });
}

const VARIANTS: { name: string; middleware: () => HandlerFunc[] }[] = [
  { name: 'bare', middleware: () => [] },
  { name: 'metrics()', middleware: () => [metrics({ registry: new Registry() })] },
  { name: 'tracing(), no SDK (API no-op)', middleware: () => [tracing()] },
  { name: 'tracing(), SDK sampling every span', middleware: () => [sdkTracing()] },
  { name: 'metrics() + tracing() with SDK', middleware: () => [metrics({ registry: new Registry() }), sdkTracing()] },
];

function appWith(middleware: HandlerFunc[]): Engine {
  const app = new Engine();
  if (middleware.length > 0) app.use(...middleware);
  app.get('/users/:id', (c) => {
    c.json(200, { id: c.param('id'), name: 'Ann', active: true });
  });
  return app;
}

async function rate(app: Engine): Promise<number> {
  const end = performance.now() + MS;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) await app.inject('/users/42');
    n += 200;
  }
  return (n / MS) * 1000;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const apps = VARIANTS.map((v) => appWith(v.middleware()));
for (const app of apps) await rate(app); // warm-up
const samples: number[][] = VARIANTS.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  for (const [i, app] of apps.entries()) samples[i]!.push(await rate(app));
}
const bare = median(samples[0]!);
console.log(`medians of ${ROUNDS} interleaved rounds of ${MS} ms, in memory (inject), GET /users/:id`);
console.log('variant'.padEnd(38) + 'req/s'.padStart(10) + '   ratio to bare');
for (const [i, v] of VARIANTS.entries()) {
  const m = median(samples[i]!);
  console.log(v.name.padEnd(38) + Math.round(m).toString().padStart(10) + `   ${(m / bare).toFixed(2)}×`);
}
