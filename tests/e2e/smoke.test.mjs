// The built example site loads in Chromium and every page says it is example content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serveSite, launchBrowser, chromiumAvailable } from './lib.mjs';

const enabled = chromiumAvailable();
let site, server, browser;

before(async () => {
  if (!enabled) return;
  site = buildSite();
  server = await serveSite(site);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

test('home page renders with the example-content notice', { skip: !enabled && 'no Chromium' }, async () => {
  const page = await browser.newPage();
  const response = await page.goto(server.url);
  assert.equal(response.status(), 200);
  assert.match(await page.title(), /Spinal Services Clinical Networks/);
  assert.match(await page.locator('.example-notice').innerText(), /not clinical guidance/);
  await page.close();
});
