// Layout: pages fit a 375 px phone, leaflets use large type, print shows the document without
// navigation and with its control box, and the 404 page helps people find their way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite, buildFixtureWithDrafts, serveSite, launchBrowser, chromiumAvailable, pagesWithClasses,
} from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let site, server, states, browser;

before(async () => {
  if (!enabled) return;
  site = buildSite();
  server = await serveSite(site);
  states = await serveSite(buildFixtureWithDrafts());
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); await states?.close(); });

test('leaflets, the home page and network views fit a 375 px phone with large type', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const all = pagesWithClasses(site);
  const leaflets = all.filter((p) => p.classes.includes('leaflet')).map((p) => p.path);
  const views = all.filter((p) => p.classes.includes('scope-page') || p.classes.includes('home')).map((p) => p.path);
  assert.ok(leaflets.length > 0);
  const problems = [];
  for (const path of [...leaflets, ...views]) {
    await page.goto(server.url + path.replace(/index\.html$/, ''));
    const { scroll, client, bodyText } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      bodyText: parseFloat(getComputedStyle(document.querySelector('.doc-body p') ?? document.body).fontSize),
    }));
    if (scroll > client) problems.push(`${path}: ${scroll} px wide in a ${client} px viewport`);
    if (leaflets.includes(path) && bodyText < 19) problems.push(`${path}: leaflet text is ${bodyText} px`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a printed pathway has no navigation, keeps its control box and names itself on every page', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'national/suspected-cauda-equina-syndrome/');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.site-header', '.breadcrumbs', '.site-footer', '.skip-link', '.toc']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} prints`);
  }
  for (const shown of ['.control-box', '.example-notice', '.print-only', '.callout-caution']) {
    assert.equal(await page.locator(shown).first().isVisible(), true, `${shown} does not print`);
  }
  const printCss = await page.locator('style[media=print]').textContent();
  const title = await page.locator('h1').innerText();
  const fact = (name) => page.locator('.control-box div', { hasText: name }).locator('dd').first().innerText();
  const version = await fact('Version');
  const review = (await fact('Review due')).replace(/ (Due soon|Overdue)$/, '');
  for (const part of [title, `Version ${version}`, `Review due ${review}`,
    'https://spinal-networks.example.org/national/suspected-cauda-equina-syndrome/', '@bottom-left', 'counter(pages)']) {
    assert.ok(printCss.includes(part), `the print footer lacks "${part}": ${printCss}`);
  }
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 2, `expected a multi-page A4 printout, got ${pages} pages`);
  await page.close();
});

test('a printed draft carries its watermark; a withdrawn page says so', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(states.url + 'alpha/new-sop/');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.watermark').innerText(), 'DRAFT');
  assert.match(await page.locator('style[media=print]').textContent(), /DRAFT/);
  await page.goto(states.url + 'beta/old-transfer/');
  assert.match(await page.locator('.banner-withdrawn').innerText(), /Withdrawn: do not use/);
  await page.close();
});

test('the 404 page is served with links home and a search box', { skip }, async () => {
  const page = await browser.newPage();
  const response = await page.goto(server.url + 'no/such/page/');
  assert.equal(response.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Page not found');
  assert.equal(await page.locator('main a[href="/"]').count(), 1);
  assert.equal(await page.locator('main input[type=search]').count(), 1);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en-GB');
  await page.close();
});
