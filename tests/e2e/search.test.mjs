// Search in headless Chromium on the built example site, served from a subfolder like a plain
// static host: typing finds the right documents (abbreviations, names, a misspelt operation),
// filters narrow the results, and a network page's search starts in that network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serveSite, launchBrowser, chromiumAvailable } from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let site, server, browser;

before(async () => {
  if (!enabled) return;
  site = buildSite(['--base-url', 'https://spinal-networks.example.org/sub/']);
  server = await serveSite(site, '/sub/');
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Result links (paths below the site root) once the status line says `pattern`. */
async function results(page, pattern) {
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('search-status').textContent), pattern.source);
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0 || /No results/.test(document.getElementById('search-status').textContent));
  return page.$$eval('#search-results .search-result-title a', (as) => as.map((a) => new URL(a.href).pathname + new URL(a.href).hash));
}

async function type(page, text) {
  await page.fill('#search-q', '');
  await page.locator('#search-q').pressSequentially(text, { delay: 15 });
}

test('typing finds documents by abbreviation, name and misspelt operation; filters narrow', { skip }, async () => {
  const page = await browser.newPage();
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('pageerror', (e) => failed.push(e.message));
  await page.goto(server.url + 'search/');

  await type(page, 'CES');
  let links = await results(page, /results? for “CES”/);
  for (const u of ['/sub/national/suspected-cauda-equina-syndrome/', '/sub/selk/suspected-cauda-equina-syndrome/', '/sub/national/cauda-equina-syndrome-warning-signs/']) {
    assert.ok(links.some((l) => l.startsWith(u)), `CES: ${u} missing from ${links}`);
  }
  assert.ok(links.some((l) => l.includes('#')), 'results land on sections');
  assert.ok((await page.$$eval('#search-results mark', (m) => m.map((x) => x.textContent))).includes('CES'), 'matched words highlighted');
  const meta = await page.locator('#search-results .search-result-meta').first().innerText();
  assert.match(meta, /National.*Pathway.*Version \d+\.\d+.*approved/s);

  await type(page, 'cauda equina');
  links = await results(page, /for “cauda equina”/);
  assert.ok(links[0].startsWith('/sub/national/suspected-cauda-equina-syndrome/'), links.join(' '));
  assert.ok(links.some((l) => l.startsWith('/sub/selk/suspected-cauda-equina-syndrome/')));

  await type(page, 'MSCC');
  links = await results(page, /for “MSCC”/);
  assert.ok(links.some((l) => l.startsWith('/sub/national/metastatic-spinal-cord-compression/')), links.join(' '));
  assert.ok(links.some((l) => l.startsWith('/sub/national/metastatic-spinal-cord-compression-warning-signs/')));

  await type(page, 'lumbar decompresion');
  links = await results(page, /for “lumbar decompresion”/);
  assert.ok(links[0].startsWith('/sub/national/lumbar-decompression/'), links.join(' '));
  assert.match(await page.locator('#search-status').innerText(), /Including results for decompression/);

  // Filter by network: CES results narrow to Wessex and national documents.
  await type(page, 'CES');
  const before = await results(page, /results? for “CES”\.$/);
  await page.selectOption('select[name=network]', 'wessex');
  const after = await results(page, /for “CES” in Wessex and national documents/);
  assert.ok(after.length < before.length, `${after.length} < ${before.length}`);
  assert.ok(after.every((l) => l.startsWith('/sub/national/') || l.startsWith('/sub/wessex/')), after.join(' '));
  assert.ok(!after.some((l) => l.startsWith('/sub/selk/')));
  assert.match(page.url(), /\?q=CES&network=wessex/, 'the address keeps the search');
  const option = await page.locator('select[name=network] option[value=selk]').innerText();
  assert.match(option, /\(\d+\)$/, 'filters show counts');

  assert.deepEqual(failed, []);
  await page.close();
});

test('a network page searches its network and national documents, with one click to widen', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'selk/');
  await page.fill('#site-search', 'CES');
  await page.press('#site-search', 'Enter');
  await page.waitForURL(/\/sub\/search\/\?q=CES&network=selk/);
  assert.equal(await page.inputValue('#search-q'), 'CES');
  assert.equal(await page.inputValue('select[name=network]'), 'selk');
  const narrow = await results(page, /in South East London and Kent and national documents/);
  assert.ok(narrow.every((l) => l.startsWith('/sub/national/') || l.startsWith('/sub/selk/')));
  await page.click('#search-widen');
  const wide = await results(page, /results? for “CES”\.$/);
  assert.equal(await page.inputValue('select[name=network]'), '');
  assert.ok(wide.length >= narrow.length);
  await page.close();
});

test('a leaflet page searches patient documents', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'national/lumbar-decompression/');
  await page.fill('#site-search', 'back operation recovery');
  await page.press('#site-search', 'Enter');
  await page.waitForURL(/audience=patients/);
  const links = await results(page, /for patients/);
  assert.ok(links.length > 0 && links.every((l) => !l.includes('/pathways/')));
  const kinds = await page.$$eval('#search-results .search-result-meta', (m) => m.map((x) => x.textContent));
  assert.ok(kinds.every((k) => /Patient leaflet/.test(k)), kinds.join(' | '));
  await page.close();
});

test('the search page is keyboard operable and announces results', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'search/');
  assert.equal(await page.getAttribute('#search-status', 'aria-live'), 'polite');
  assert.equal(await page.locator('label[for=search-q]').count(), 1);
  await page.focus('#search-q');
  await page.keyboard.type('sciatica');
  await page.keyboard.press('Enter');
  const links = await results(page, /for “sciatica”/);
  assert.ok(links[0].startsWith('/sub/national/back-and-radicular-pain/'), links.join(' '));
  // Tab from the box reaches the filters, then the results.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'network');
  await page.close();
});

test('without JavaScript the page explains and links to the documents', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + 'search/?q=CES');
  const text = await page.locator('main').innerText();
  assert.match(text, /needs JavaScript/);
  assert.ok(await page.locator('main noscript a[href="/sub/"]').count() + await page.locator('main a[href="/sub/"]').count() > 0);
  await context.close();
});
