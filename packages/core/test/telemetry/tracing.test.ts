import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { CoreError, Engine, HttpError, logger, recovery, tracing, type TracingOptions } from '../../src/index.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

// A pino destination that keeps each line written.
function lineSink(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
}

function traced(order: 'tracing-first' | 'tracing-last', options: TracingOptions = {}, lines: string[] = []): { app: Engine; spans: () => ReadableSpan[] } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const sink = lineSink(lines);
  const app = new Engine({ logger: pino(sink) });
  const t = tracing({ tracerProvider: provider, ...options });
  if (order === 'tracing-first') app.use(t, logger(), recovery());
  else app.use(logger(), recovery(), t);
  app.get('/users/:id', (c) => {
    c.json(200, { id: c.param('id') });
  });
  app.get('/boom', () => {
    throw new Error('kaput');
  });
  app.get('/teapot', () => {
    throw new HttpError(418, 'short and stout');
  });
  app.get('/log', (c) => {
    c.log.info('inside');
    c.string(200, String(c.get('span')?.spanContext().spanId));
  });
  return { app, spans: () => exporter.getFinishedSpans() };
}

describe('tracing()', () => {
  it('opens one SERVER span per request, named by method and route pattern, with the HTTP conventions', async () => {
    const { app, spans } = traced('tracing-first');
    const res = await app.inject({ url: '/users/42?x=1', headers: { host: 'api.test:8080', 'user-agent': 'probe/1' } });
    expect(res.status).to.equal(200);
    const [span] = spans();
    expect(spans()).to.have.length(1);
    expect(span!.name).to.equal('GET /users/:id');
    expect(span!.kind).to.equal(SpanKind.SERVER);
    expect(span!.attributes).to.deep.include({
      'http.request.method': 'GET',
      'http.route': '/users/:id',
      'url.path': '/users/42',
      'url.query': 'x=1',
      'url.scheme': 'http',
      'server.address': 'api.test',
      'server.port': 8080,
      'user_agent.original': 'probe/1',
      'network.protocol.version': '1.1',
      'http.response.status_code': 200,
    });
    expect(span!.status.code).to.equal(SpanStatusCode.UNSET);
    expect(span!.parentSpanContext).to.equal(undefined);
    expect(span!.instrumentationScope.name).to.equal('@sloe/core');
  });

  it('gives url.scheme as the request came: https over TLS, http otherwise (an untrusted X-Forwarded-Proto is not believed)', async () => {
    const { app, spans } = traced('tracing-first');
    await app.inject('https://api.test/users/1');
    await app.inject({ url: '/users/2', headers: { 'x-forwarded-proto': 'https' }, remoteAddr: '203.0.113.9:5000' });
    expect(spans().map((s) => [s.attributes['url.path'], s.attributes['url.scheme']])).to.deep.equal([
      ['/users/1', 'https'],
      ['/users/2', 'http'],
    ]);
  });

  it('continues the caller\'s trace from traceparent and tracestate', async () => {
    const { app, spans } = traced('tracing-first');
    await app.inject({ url: '/users/1', headers: { traceparent: `00-${TRACE}-${PARENT}-01`, tracestate: 'vendor=abc' } });
    const [span] = spans();
    expect(span!.spanContext().traceId).to.equal(TRACE);
    expect(span!.parentSpanContext?.spanId).to.equal(PARENT);
    expect(span!.parentSpanContext?.isRemote).to.equal(true);
    expect(span!.spanContext().traceState?.get('vendor')).to.equal('abc');
  });

  for (const bad of [`00-${'0'.repeat(32)}-${PARENT}-01`, `ff-${TRACE}-${PARENT}-01`, `00-${TRACE}-${PARENT}-01-extra`, 'garbage', `00-${TRACE.toUpperCase()}-${PARENT}-01`]) {
    it(`starts a new trace for a malformed traceparent (${bad.slice(0, 12)}…)`, async () => {
      const { app, spans } = traced('tracing-first');
      await app.inject({ url: '/users/1', headers: { traceparent: bad } });
      expect(spans()[0]!.parentSpanContext).to.equal(undefined);
      expect(spans()[0]!.spanContext().traceId).to.not.equal(TRACE);
    });
  }

  for (const order of ['tracing-first', 'tracing-last'] as const) {
    it(`records a handler's error and marks a 500 as an error span (${order})`, async () => {
      const { app, spans } = traced(order);
      const res = await app.inject('/boom');
      expect(res.status).to.equal(500);
      const [span] = spans();
      expect(span!.status.code).to.equal(SpanStatusCode.ERROR);
      expect(span!.status.message).to.equal('kaput');
      expect(span!.attributes['http.response.status_code']).to.equal(500);
      expect(span!.attributes['error.type']).to.equal('Error');
      const exception = span!.events.find((e) => e.name === 'exception');
      expect(exception?.attributes?.['exception.message']).to.equal('kaput');
    });

    it(`leaves a 4xx span's status unset, as the conventions say for servers (${order})`, async () => {
      const { app, spans } = traced(order);
      const res = await app.inject('/teapot');
      expect(res.status).to.equal(418);
      expect(spans()[0]!.attributes['http.response.status_code']).to.equal(418);
      expect(spans()[0]!.status.code).to.equal(SpanStatusCode.UNSET);
    });
  }

  it('names a span for a request no route matched by its method alone, without http.route', async () => {
    const { app, spans } = traced('tracing-first');
    expect((await app.inject('/nowhere')).status).to.equal(404);
    expect(spans()[0]!.name).to.equal('GET');
    expect(spans()[0]!.attributes).to.not.have.property('http.route');
    expect(spans()[0]!.attributes['http.response.status_code']).to.equal(404);
  });

  it('names an unknown method _OTHER and keeps the original', async () => {
    const { app, spans } = traced('tracing-first');
    app.handle('FROB', '/f', (c) => {
      c.status(204);
    });
    await app.inject({ method: 'FROB', url: '/f' });
    expect(spans()[0]!.name).to.equal('HTTP /f');
    expect(spans()[0]!.attributes).to.deep.include({ 'http.request.method': '_OTHER', 'http.request.method_original': 'FROB' });
  });

  it('binds the request\'s log lines to the trace and span, and gives the span to handlers', async () => {
    const lines: string[] = [];
    const { app, spans } = traced('tracing-first', {}, lines);
    const res = await app.inject({ url: '/log', headers: { traceparent: `00-${TRACE}-${PARENT}-01` } });
    const span = spans()[0]!;
    expect(res.body).to.equal(span.spanContext().spanId);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.map((l) => l['msg'])).to.deep.equal(['inside', 'request']);
    for (const l of logged) expect(l).to.include({ trace_id: TRACE, span_id: span.spanContext().spanId });
  });

  it('with the no-op API binds a caller\'s trace to the log lines, and nothing without one', async () => {
    const lines: string[] = [];
    const sink = lineSink(lines);
    const app = new Engine({ logger: pino(sink) }).use(tracing());
    app.get('/log', (c) => {
      c.log.info('inside');
      c.string(200, 'ok');
    });
    await app.inject('/log');
    await app.inject({ url: '/log', headers: { traceparent: `00-${TRACE}-${PARENT}-01` } });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).to.have.length(2);
    expect(logged[0]).to.not.have.any.keys('trace_id', 'span_id');
    expect(logged[1]).to.include({ trace_id: TRACE, span_id: PARENT });
  });

  it('binds fields given before and after the request logger is first used, never to earlier lines', async () => {
    const lines: string[] = [];
    const sink = lineSink(lines);
    const app = new Engine({ logger: pino(sink) });
    app.get('/', (c) => {
      c.logWith({ a: 1 });
      c.logWith({ b: 2, a: 3 });
      c.log.info('first');
      c.logWith({ d: 4 });
      c.log.info('second');
      c.string(200, 'ok');
    });
    await app.inject('/');
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).to.include({ a: 3, b: 2, msg: 'first' }).and.to.have.property('reqId');
    expect(first).to.not.have.property('d');
    expect(second).to.include({ a: 3, b: 2, d: 4, msg: 'second' });
  });

  it('skips the paths it is told to', async () => {
    const { app, spans } = traced('tracing-first', { skip: ['/users/7'] });
    await app.inject('/users/7');
    await app.inject('/users/8');
    expect(spans().map((s) => s.attributes['url.path'])).to.deep.equal(['/users/8']);
  });

  it('records the request headers it is asked for', async () => {
    const { app, spans } = traced('tracing-first', { requestHeaders: ['X-Tenant'] });
    await app.inject({ url: '/users/1', headers: { 'x-tenant': 'acme' } });
    expect(spans()[0]!.attributes['http.request.header.x-tenant']).to.deep.equal(['acme']);
  });

  it('refuses unknown options and bad header names with ERR_CORE_OPTIONS', () => {
    for (const bad of [{ tracer: undefined, sampler: 1 }, { requestHeaders: ['bad header'] }]) {
      expect(() => tracing(bad as TracingOptions))
        .to.throw(CoreError)
        .with.property('code', 'ERR_CORE_OPTIONS');
    }
  });
});
