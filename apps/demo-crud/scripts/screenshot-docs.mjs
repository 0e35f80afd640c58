#!/usr/bin/env node
// Writes docs/api-docs.png, the screenshot of the API documentation page in the README: the
// built app (run `npm run build` first) on a temporary SQLite store with the sample users, its
// /docs page in headless Chromium (/usr/bin/chromium, or CHROMIUM): every operation, by tag.
//
//   node apps/demo-crud/scripts/screenshot-docs.mjs [out.png]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createApp } from '../dist/app.js';
import { sampleUsers } from '../dist/seed-data.js';
import { SqliteUserRepository } from '../dist/store/sqlite.js';

const out = process.argv[2] ?? fileURLToPath(new URL('../docs/api-docs.png', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'sloe-demo-docs-'));
const repo = SqliteUserRepository.open({ path: path.join(dir, 'demo.db') });
const server = await createApp(repo).listen({ host: '127.0.0.1', port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const u of sampleUsers().slice(0, 3)) await repo.create(u);
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(`http://127.0.0.1:${server.port}/docs`);
  await page.waitForSelector('.opblock-summary-path');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
  await repo.close();
  rmSync(dir, { recursive: true, force: true });
}
