import { expect } from 'chai';
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type JWTPayload } from 'jose';
import { Hono } from 'hono';
import { jwt as honoJwt } from 'hono/jwt';
import { CoreError, Engine, jwt, type JwtAlgorithm, type JwtOptions, type JwtPayload } from '../../src/index.js';
import { socketWay, type Way } from '../ways.js';
import { expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T): void => undefined;

const secret = 'a-hmac-secret-long-enough-for-hs256';
const key = new TextEncoder().encode(secret);
const now = (): number => Math.floor(Date.now() / 1000);

function sign(payload: JWTPayload, k: Parameters<SignJWT['sign']>[0] = key, alg = 'HS256', kid?: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(k);
}

// Hono's challenges name the request URL as realm and add an error_description; its answer to a
// malformed header is 401 where RFC 6750 §3.1 says 400.
const CHALLENGE = "Hono's realm is the request URL, with an error_description";
const NO_TOKEN = 'no token is 401 with no error code (RFC 6750 §3.1); Hono says invalid_request';

async function cases(): Promise<SideCase[]> {
  const good = await sign({ sub: 'alice', exp: now() + 60 });
  const [h, , s] = good.split('.') as [string, string, string];
  const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin', exp: now() + 60 })).toString('base64url')}.${s}`;
  const invalid = { 'www-authenticate': 'Bearer realm="", error="invalid_token"' };
  return [
    { name: 'a valid token', method: 'GET', url: '/', headers: { authorization: `Bearer ${good}` } },
    { name: 'no token', method: 'GET', url: '/', differs: { 'www-authenticate': NO_TOKEN }, sloe: { 'www-authenticate': 'Bearer realm=""' } },
    { name: 'a tampered token', method: 'GET', url: '/', headers: { authorization: `Bearer ${tampered}` }, differs: { 'www-authenticate': CHALLENGE }, sloe: invalid },
    { name: 'an expired token', method: 'GET', url: '/', headers: { authorization: `Bearer ${await sign({ exp: now() - 10 })}` }, differs: { 'www-authenticate': CHALLENGE }, sloe: invalid },
    { name: 'a token not yet valid', method: 'GET', url: '/', headers: { authorization: `Bearer ${await sign({ nbf: now() + 600 })}` }, differs: { 'www-authenticate': CHALLENGE }, sloe: invalid },
    { name: 'a token signed with another key', method: 'GET', url: '/', headers: { authorization: `Bearer ${await sign({}, new TextEncoder().encode('another-key-of-enough-length-xx'))}` }, differs: { 'www-authenticate': CHALLENGE }, sloe: invalid },
    { name: 'garbage', method: 'GET', url: '/', headers: { authorization: 'Bearer abc.def.ghi' }, differs: { 'www-authenticate': CHALLENGE }, sloe: invalid },
    {
      name: 'a malformed header',
      method: 'GET',
      url: '/',
      headers: { authorization: 'Bearer a b' },
      differs: { status: 'a malformed request is 400 invalid_request (RFC 6750 §3.1); Hono answers 401', 'www-authenticate': CHALLENGE },
      sloe: { status: 400, 'www-authenticate': 'Bearer realm="", error="invalid_request"' },
    },
  ];
}

describe('jwt, side by side with Hono', () => {
  const sloe = new Engine();
  sloe.get('/', jwt({ secret, alg: 'HS256' }), (c) => c.json(200, c.get('jwtPayload')));
  const hono = new Hono();
  hono.get('/', honoJwt({ secret, alg: 'HS256' }), (c) => c.json(c.get('jwtPayload')));
  const HEADERS = ['www-authenticate'];
  for (const way of [undefined, socketWay('node'), socketWay('netpoll')] as (Way | undefined)[]) {
    describe(`over ${way?.name ?? 'inject'}`, () => {
      let list: SideCase[] = [];
      before(async () => {
        list = await cases();
        await way?.start(sloe);
      });
      after(() => way?.stop());
      it('answers every case as Hono does, but for the named differences', async () => {
        for (const c of list) {
          try {
            expectSame(c, await sloeAnswer(sloe, c, HEADERS, way), await honoAnswer(hono, c, HEADERS));
          } catch (err) {
            (err as Error).message = `${c.name}: ${(err as Error).message}`;
            throw err;
          }
        }
      });
    });
  }

  it('types c.get("jwtPayload") after jwt() without naming the type, never undefined; other keys keep c.get<T>', () => {
    const typed = new Engine();
    typed.get('/', jwt({ secret, alg: 'HS256' }), (c) => {
      const payload = c.get('jwtPayload');
      const _nonce = c.get('cspNonce');
      const _other = c.get<number>('count');
      assertType<Equal<typeof payload, JwtPayload>>(true);
      assertType<Equal<typeof _nonce, string | undefined>>(true);
      assertType<Equal<typeof _other, number | undefined>>(true);
      c.string(200, payload.sub ?? '');
    });
    expect(typed.routes()).to.have.length(1);
  });

  it('puts the claims on the Context', async () => {
    const token = await sign({ sub: 'alice', role: 'admin' });
    const r = await sloe.inject({ url: '/', headers: { authorization: `Bearer ${token}` } });
    expect(r.json<JwtPayload>()).to.deep.equal({ sub: 'alice', role: 'admin' });
  });
});

describe('jwt', () => {
  const algs: [JwtAlgorithm, Parameters<typeof generateKeyPair>[0]][] = [
    ['RS256', 'RS256'],
    ['ES256', 'ES256'],
    ['EdDSA', 'EdDSA'],
  ];
  for (const [alg] of algs) {
    it(`verifies ${alg} with a PEM public key, and refuses another algorithm`, async () => {
      const pair = await generateKeyPair(alg, { extractable: true });
      const app = new Engine();
      app.get('/', jwt({ secret: await exportSPKI(pair.publicKey), alg }), (c) => c.string(200, c.get<JwtPayload>('jwtPayload')?.sub ?? ''));
      const ok = await app.inject({ url: '/', headers: { authorization: `Bearer ${await sign({ sub: 'bob' }, pair.privateKey, alg)}` } });
      expect(ok.status).to.equal(200);
      expect(ok.body).to.equal('bob');
      const hs = await app.inject({ url: '/', headers: { authorization: `Bearer ${await sign({ sub: 'bob' })}` } });
      expect(hs.status).to.equal(401);
    });
  }

  it('checks audience and issuer when given', async () => {
    const app = new Engine();
    app.use(jwt({ secret, alg: 'HS256', audience: 'api', issuer: 'https://login.example' }));
    app.get('/', (c) => c.string(200, 'in'));
    const send = async (p: JWTPayload): Promise<number> => (await app.inject({ url: '/', headers: { authorization: `Bearer ${await sign(p)}` } })).status;
    expect(await send({ aud: 'api', iss: 'https://login.example' })).to.equal(200);
    expect(await send({ aud: 'other', iss: 'https://login.example' })).to.equal(401);
    expect(await send({ aud: 'api', iss: 'https://evil.example' })).to.equal(401);
    expect(await send({})).to.equal(401);
  });

  it('fetches a JWKS from a local server once and keeps it across requests', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    let fetched = 0;
    const server = http.createServer((_req, res) => {
      fetched++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const app = new Engine();
      app.use(jwt({ jwks: `http://127.0.0.1:${port}/jwks.json`, alg: ['ES256'] }));
      app.get('/', (c) => c.string(200, c.get<JwtPayload>('jwtPayload')?.sub ?? ''));
      const way = socketWay('netpoll');
      await way.start(app);
      try {
        for (const sub of ['a', 'b', 'c']) {
          const token = await sign({ sub }, pair.privateKey, 'ES256', 'k1');
          const r = await way.send({ method: 'GET', url: '/', headers: { authorization: `Bearer ${token}` } });
          expect(r.status).to.equal(200);
          expect(r.body).to.equal(sub);
        }
        const other = await generateKeyPair('ES256');
        const forged = await way.send({ method: 'GET', url: '/', headers: { authorization: `Bearer ${await sign({ sub: 'x' }, other.privateKey, 'ES256', 'k1')}` } });
        expect(forged.status).to.equal(401);
      } finally {
        await way.stop();
      }
      expect(fetched).to.equal(1);
    } finally {
      server.close();
    }
  });

  it('checks its options, naming the key', () => {
    const bad: [unknown, RegExp][] = [
      [{ alg: 'HS256' }, /"secret" and "jwks"/],
      [{ secret, jwks: 'http://x', alg: 'HS256' }, /"secret" and "jwks"/],
      [{ secret }, /missing option "alg"/],
      [{ secret: '', alg: 'HS256' }, /"secret" is empty/],
      [{ secret, alg: 'HS256', audiences: 'x' }, /unknown option "audiences"/],
    ];
    for (const [o, message] of bad) expect(() => jwt(o as JwtOptions)).to.throw(CoreError, message).with.property('code', 'ERR_CORE_OPTIONS');
  });

  it('is loaded lazily: no module of the package imports jose statically', () => {
    const dir = new URL('../../src/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).to.be.greaterThan(10);
    const jwtSource = readFileSync(new URL('middleware/jwt.ts', dir), 'utf8');
    expect(jwtSource).to.contain("import('jose')");
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(/^import (?!type )[^;]*from 'jose'/m.test(text), f).to.equal(false);
    }
  });
});
