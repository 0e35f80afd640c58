// The API documentation page (/docs, Swagger UI from swagger-ui-dist) in headless Chromium: it
// renders every operation of the document, loads nothing from another origin, and breaks no
// rule of its Content-Security-Policy. Pending when Chromium is absent, failing under CI=true.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { pendingBecause } from './support/pending.js';
import { startHarness, type Harness } from './support/harness.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Document = { info: { title: string }; paths: Record<string, Record<string, unknown>> };

describe('the API documentation page in headless Chromium', function () {
  this.timeout(60000);
  let h: Harness;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) pendingBecause(this, 'chromium', `${CHROMIUM} is not installed`);
    h = await startHarness('node');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await h?.close();
  });

  it('renders every operation of the document, with nothing from another origin and no policy violation', async () => {
    const doc = (await h.send({ method: 'GET', path: '/openapi.json' })).json as Document;
    const expected = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const page = await browser.newPage();
    const origin = h.url!;
    const foreign: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(`${origin}/`) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const res = await page.goto(`${origin}/docs`);
    expect(res?.status()).to.equal(200);
    await page.waitForSelector('.opblock-summary-path', { timeout: 30000 });
    expect(await page.textContent('.info .title')).to.contain(doc.info.title);
    const rendered = await page.$$eval('.opblock-summary', (blocks) =>
      blocks.map((b) => `${b.querySelector('.opblock-summary-method')?.textContent ?? ''} ${b.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? ''}`),
    );
    expect(rendered.sort()).to.deep.equal(expected.sort());
    // The operations' tags group them.
    expect(await page.$$eval('.opblock-tag', (tags) => tags.map((t) => t.getAttribute('data-tag')).sort())).to.deep.equal(['pages', 'service', 'users']);
    expect({ foreign, problems }).to.deep.equal({ foreign: [], problems: [] });
    await page.close();
  });
});
