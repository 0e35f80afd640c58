// The pages in a real browser: headless Chromium driven by playwright-core creates, edits,
// searches and deletes a user without any JavaScript of ours, checks that typed markup shows as
// text, and saves screenshots. Pending when Chromium is absent, failing under CI=true.
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pendingBecause } from './support/pending.js';
import { startHarness, type Harness } from './support/harness.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const XSS = '<script>alert(1)</script>';

describe('pages in headless Chromium', function () {
  this.timeout(60000);
  let h: Harness;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) pendingBecause(this, 'chromium', `${CHROMIUM} is not installed`);
    h = await startHarness('node');
    for (const [name, email, age] of [['Grace Hopper', 'grace@example.com', 85], ['Alan Turing', 'alan@example.com', 41], ['Barbara Liskov', 'barbara@example.com', null]] as const) {
      await h.repo.create({ name, email, age, bio: null });
    }
    profile = mkdtempSync(path.join(tmpdir(), 'sloe-demo-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1100, height: 760 } });
    page = context.pages()[0] ?? (await context.newPage());
    // An alert() would mean typed markup ran as script.
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
    await h?.close();
  });

  it('creates a user whose name is markup, and shows it as text', async () => {
    await page.goto(`${h.url}/users`);
    await page.click('text=New user');
    await page.fill('#name', XSS);
    await page.fill('#email', 'Mallory@Example.com');
    await page.fill('#age', '30');
    await page.fill('#bio', 'Types <b>tags</b> everywhere.');
    await Promise.all([page.waitForURL(/\/users\/\d+$/), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).to.equal(XSS);
    expect(await page.textContent('.flash')).to.equal(`${XSS} was created.`);
    expect(await page.textContent('.bio')).to.equal('Types <b>tags</b> everywhere.');
    expect(await page.locator('main script').count()).to.equal(0);
    expect(await page.locator('.bio b').count()).to.equal(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'user.png') });
  });

  it('shows validation errors beside the fields and keeps the input', async () => {
    await page.goto(`${h.url}/users/new`);
    await page.fill('#name', 'Eve');
    await page.fill('#email', 'not an email');
    await page.fill('#age', 'old');
    await page.click('button[type=submit]');
    expect(await page.textContent('#email-error')).to.equal('Email must be an email address, like ada@example.com');
    expect(await page.textContent('#age-error')).to.equal('Age must be a whole number from 0 to 150');
    expect(await page.inputValue('#name')).to.equal('Eve');
    expect(await page.inputValue('#email')).to.equal('not an email');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'errors.png') });
  });

  it('edits the user through the form (PUT by _method)', async () => {
    await page.goto(`${h.url}/users?q=mallory`);
    await Promise.all([page.waitForURL(/\/users\/\d+$/), page.click(`a:text-is("${XSS}")`)]);
    await Promise.all([page.waitForURL(/\/edit$/), page.click('text=Edit')]);
    expect(await page.inputValue('#name')).to.equal(XSS);
    await page.fill('#name', `Mallory ${XSS}`);
    await page.fill('#age', '31');
    await Promise.all([page.waitForURL(/\/users\/\d+$/), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).to.equal(`Mallory ${XSS}`);
    expect(await page.textContent('.flash')).to.equal(`Mallory ${XSS} was saved.`);
    expect(await page.textContent('xpath=//dt[.="Age"]/following-sibling::dd[1]')).to.equal('31');
  });

  it('searches the list by name or email', async () => {
    await page.goto(`${h.url}/users`);
    await page.fill('input[name=q]', 'MALLORY@');
    await Promise.all([page.waitForURL(/q=MALLORY/), page.click('form.search button')]);
    const names = await page.locator('tbody tr td:first-child').allTextContents();
    expect(names).to.deep.equal([`Mallory ${XSS}`]);
    await page.goto(`${h.url}/users`);
    expect(await page.locator('tbody tr').count()).to.equal(4);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'list.png') });
  });

  it('lays the list out at 1200 px and at 400 px: names on one line, no overflow, Clear level with Search', async () => {
    const long = await h.repo.create({ name: 'Augusta Ada King-Noel, Countess', email: 'augusta.king-noel@lovelace.example.com', age: 36, bio: null });
    try {
      for (const width of [1200, 400]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${h.url}/users?q=a`);
        // A string, evaluated in the page: the test's own compiler knows no DOM.
        const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
        expect(overflow, `horizontal overflow at ${width} px`).to.equal(0);
        const search = (await page.locator('form.search button').boundingBox())!;
        const clear = (await page.locator('form.search a', { hasText: 'Clear' }).boundingBox())!;
        expect(Math.abs(search.y + search.height / 2 - (clear.y + clear.height / 2)), `Clear vs Search at ${width} px`).to.be.below(1);
        expect(Math.abs(search.height - clear.height), `button heights at ${width} px`).to.be.below(1);
        if (width === 1200) {
          // The longest name stays on one line: its cell is as tall as a one-line cell.
          const heights = await page.locator('tbody tr td:first-child').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().height));
          expect(Math.max(...heights) - Math.min(...heights), 'name cells wrap at 1200 px').to.be.below(1);
          expect(await page.locator('th.wide').count()).to.equal(2);
        } else {
          expect(await page.locator('th.wide').first().isVisible()).to.equal(false);
        }
        await page.screenshot({ path: path.join(SCREENSHOTS, `list-${width}.png`), fullPage: true });
      }
    } finally {
      await page.setViewportSize({ width: 1100, height: 760 });
      await h.repo.delete(long.id);
    }
  });

  it('deletes the user after the confirmation page', async () => {
    await page.goto(`${h.url}/users?q=mallory`);
    await page.click('tbody a');
    await Promise.all([page.waitForURL(/\/delete$/), page.click('text=Delete')]);
    expect(await page.textContent('h1')).to.equal(`Delete Mallory ${XSS}?`);
    await Promise.all([page.waitForURL(/\/users$/), page.click('button.danger')]);
    expect(await page.textContent('.flash')).to.equal(`Mallory ${XSS} was deleted.`);
    expect(await page.locator('tbody tr').count()).to.equal(3);
    expect(await h.repo.count('mallory')).to.equal(0);
  });

  it('never ran the typed markup as script', () => {
    expect(dialogs).to.deep.equal([]);
  });
});
