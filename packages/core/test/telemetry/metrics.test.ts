import { expect } from 'chai';
import { connect } from 'node:net';
import { Registry } from 'prom-client';
import type { ServerHandle, ServerStats, Transport } from '@sloe/poller';
import { CoreError, Engine, metrics, metricsHandler, recovery, type MetricsOptions } from '../../src/index.js';

// The value of one sample in Prometheus' text format, or undefined when it is absent.
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m === null || m[1] !== name) continue;
    const have = m[2] === undefined ? [] : m[2].split(',');
    if (want.every((w) => have.includes(w)) && have.length === want.length) return Number(m[3]);
  }
  return undefined;
}

function app(registry: Registry): Engine {
  const a = new Engine();
  a.use(metrics({ registry }), recovery());
  a.get('/users/:id', (c) => {
    c.json(200, { id: c.param('id') });
  });
  a.get('/boom', () => {
    throw new Error('kaput');
  });
  a.get('/metrics', metricsHandler({ registry }));
  return a;
}

/** A transport that serves nothing and reports `stats`, counting how often it is asked. */
class CountingTransport implements Transport {
  reads = 0;
  readonly #stats: ServerStats;

  constructor(stats: ServerStats) {
    this.#stats = stats;
  }

  serve(): Promise<ServerHandle> {
    return Promise.resolve({
      address: '127.0.0.1:1',
      port: 1,
      close: () => Promise.resolve(),
      stats: () => {
        this.reads++;
        return this.#stats;
      },
    });
  }
}

describe('metrics()', () => {
  it('observes each request\'s duration by method, route pattern and status class, never the raw path', async () => {
    const registry = new Registry();
    const a = app(registry);
    await a.inject('/users/1');
    await a.inject('/users/2');
    await a.inject('/boom');
    await a.inject('/nowhere');
    const res = await a.inject('/metrics');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(registry.contentType);
    const name = 'http_server_request_duration_seconds_count';
    expect(sample(res.body, name, { method: 'GET', route: '/users/:id', status_class: '2xx' })).to.equal(2);
    expect(sample(res.body, name, { method: 'GET', route: '/boom', status_class: '5xx' })).to.equal(1);
    expect(sample(res.body, name, { method: 'GET', route: 'unmatched', status_class: '4xx' })).to.equal(1);
    expect(res.body).to.not.include('/users/1');
    expect(sample(res.body, 'http_server_request_duration_seconds_bucket', { le: '10', method: 'GET', route: '/users/:id', status_class: '2xx' })).to.equal(2);
  });

  it('counts the requests in flight per route', async () => {
    const registry = new Registry();
    const a = app(registry);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    a.get('/slow', async (c) => {
      entered();
      await held;
      c.status(204);
    });
    const slow = a.inject('/slow');
    await inside;
    const during = (await a.inject('/metrics')).body;
    expect(sample(during, 'http_server_active_requests', { method: 'GET', route: '/slow' })).to.equal(1);
    release();
    await slow;
    const after = (await a.inject('/metrics')).body;
    expect(sample(after, 'http_server_active_requests', { method: 'GET', route: '/slow' })).to.equal(0);
  });

  for (const transport of ['netpoll', 'node'] as const) {
    it(`reports the transport's open connections and parse errors (${transport})`, async () => {
      const registry = new Registry();
      const a = app(registry);
      const server = await a.listen({ host: '127.0.0.1', transport });
      try {
        await new Promise<void>((resolve) => {
          const s = connect(server.port, '127.0.0.1', () => s.end('GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n'));
          s.on('data', () => undefined);
          s.on('close', () => resolve());
        });
        const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
        const text = await res.text();
        expect(sample(text, 'http_server_parse_errors_total')).to.equal(1);
        expect(sample(text, 'http_server_open_connections')).to.be.at.least(1);
        expect(sample(text, 'http_server_connections_total')).to.be.at.least(2);
      } finally {
        await server.close();
      }
    });
  }

  it('reads the transports\' counts once per scrape', async () => {
    const registry = new Registry();
    const a = app(registry);
    const transport = new CountingTransport({ connections: 3, accepted: 5, parseErrors: 2 });
    const server = await a.listen({ transport });
    try {
      await a.inject('/users/1');
      const text = await registry.metrics();
      expect(transport.reads).to.equal(1);
      expect(sample(text, 'http_server_open_connections')).to.equal(3);
      expect(sample(text, 'http_server_connections_total')).to.equal(5);
      expect(sample(text, 'http_server_parse_errors_total')).to.equal(2);
      await registry.metrics();
      expect(transport.reads).to.equal(2);
    } finally {
      await server.close();
    }
  });

  it('reports the servers of every Engine whose metrics() shares the registry', async () => {
    const registry = new Registry();
    const one = app(registry);
    const two = app(registry);
    const s1 = await one.listen({ transport: new CountingTransport({ connections: 3, accepted: 5, parseErrors: 2 }) });
    const s2 = await two.listen({ transport: new CountingTransport({ connections: 4, accepted: 6, parseErrors: 1 }) });
    try {
      await one.inject('/users/1');
      await two.inject('/users/1');
      const text = await registry.metrics();
      expect(sample(text, 'http_server_open_connections')).to.equal(7);
      expect(sample(text, 'http_server_connections_total')).to.equal(11);
      expect(sample(text, 'http_server_parse_errors_total')).to.equal(3);
    } finally {
      await s1.close();
      await s2.close();
    }
  });

  it('can be created twice on one registry (a second Engine, a reloaded module)', async () => {
    const registry = new Registry();
    const one = app(registry);
    const two = app(registry);
    await one.inject('/users/1');
    await two.inject('/users/1');
    const text = await registry.metrics();
    expect(sample(text, 'http_server_request_duration_seconds_count', { method: 'GET', route: '/users/:id', status_class: '2xx' })).to.equal(2);
  });

  it('takes a prefix, buckets and the default process metrics', async () => {
    const registry = new Registry();
    const a = new Engine();
    a.use(metrics({ registry, prefix: 'shop_', buckets: [0.5, 1], defaultMetrics: true }));
    a.get('/', (c) => {
      c.status(204);
    });
    await a.inject('/');
    const text = await registry.metrics();
    expect(sample(text, 'shop_http_server_request_duration_seconds_bucket', { le: '0.5', method: 'GET', route: '/', status_class: '2xx' })).to.equal(1);
    expect(text).to.not.include('le="0.005"');
    expect(text).to.match(/^shop_process_cpu_user_seconds_total /m);
  });

  it('refuses unknown options, bad buckets and bad prefixes with ERR_CORE_OPTIONS', () => {
    for (const bad of [{ registy: 1 }, { buckets: [] }, { buckets: [0, 1] }, { prefix: '9x' }]) {
      expect(() => metrics(bad as MetricsOptions))
        .to.throw(CoreError)
        .with.property('code', 'ERR_CORE_OPTIONS');
    }
  });
});
