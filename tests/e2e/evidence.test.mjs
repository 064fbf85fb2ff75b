// Evidence and the accessibility statement in a browser: the statement page and a pathway and
// a leaflet with sources have no WCAG 2.2 A/AA violation (axe-core) at desktop and phone widths
// and do not scroll sideways at 375 px; the statement is one footer link away from any page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serveSite, launchBrowser, chromiumAvailable, axeViolations } from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let browser;
let server;

const PAGES = ['accessibility/', 'national/suspected-cauda-equina-syndrome/',
  'national/cauda-equina-syndrome-warning-signs/'];

before(async () => {
  if (!enabled) return;
  server = await serveSite(buildSite());
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

test('the accessibility statement and pages with sources have no WCAG 2.2 A/AA violation', { skip }, async () => {
  const found = [];
  for (const width of [1280, 375]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const path of PAGES) {
      const response = await page.goto(server.url + path);
      assert.equal(response.status(), 200, path);
      for (const v of await axeViolations(page)) found.push(`${width} px ${path}: ${v}`);
      if (width === 375) {
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        if (scroll > client) found.push(`${path} scrolls sideways: ${scroll} > ${client}`);
      }
    }
    await page.close();
  }
  assert.deepEqual(found, [], found.join('\n'));
});

test('the pages show their sources, and every footer reaches the statement', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'national/suspected-cauda-equina-syndrome/');
  const sources = await page.locator('#sources-heading + ol li').allInnerTexts();
  assert.ok(sources.length >= 2, sources.join('\n'));
  assert.ok(await page.getByText('Evidence last checked:').isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Sources' }).isVisible());
  const report = page.getByRole('link', { name: 'Report a problem with this page' });
  assert.match(await report.getAttribute('href'), /^mailto:.*subject=.*national%2Fsuspected-cauda-equina-syndrome/);
  await page.goto(server.url + 'national/cauda-equina-syndrome-warning-signs/');
  await page.locator('footer').getByRole('link', { name: 'Accessibility statement' }).click();
  await page.waitForURL(/\/accessibility\/$/);
  assert.equal(await page.locator('h1').innerText(), 'Accessibility statement for Spinal Services Clinical Networks');
  assert.ok(await page.getByText('Example statement.').isVisible());
  await page.close();
});
