// Accessibility: axe-core with the WCAG 2.2 A and AA rules reports no violation on any page of
// the bundled content, nor on pages in every document state (draft, consultation, withdrawn,
// overdue) from the test fixture; leaflets are checked again at phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite, buildFixtureWithDrafts, serveSite, launchBrowser, chromiumAvailable, htmlPages,
  pagesWithClasses, axeViolations,
} from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let browser;
const sites = {};

before(async () => {
  if (!enabled) return;
  for (const [name, dir] of [['bundled', buildSite()], ['states', buildFixtureWithDrafts()]]) {
    sites[name] = { dir, server: await serveSite(dir) };
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.server.close();
});

async function violationsOn(site, paths, viewport) {
  const page = await browser.newPage({ viewport });
  const found = [];
  for (const path of paths) {
    const response = await page.goto(site.server.url + path.replace(/index\.html$/, ''));
    if (path !== '404.html') assert.equal(response.status(), 200, path);
    for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
  }
  await page.close();
  return found;
}

test('axe finds a violation when there is one', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(sites.bundled.server.url);
  await page.evaluate(() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src="x.png">'));
  const found = await axeViolations(page);
  assert.ok(found.some((v) => v.startsWith('image-alt')), found.join('\n'));
  await page.close();
});

test('every page of the bundled content has no WCAG 2.2 A/AA violation', { skip }, async () => {
  // Indicator pages are checked by indicators.test.mjs.
  const indicators = new Set(pagesWithClasses(sites.bundled.dir)
    .filter((p) => p.classes.includes('indicators-page')).map((p) => p.path));
  const paths = htmlPages(sites.bundled.dir).filter((p) => !indicators.has(p));
  assert.ok(paths.length > 20, `only ${paths.length} pages built`);
  const found = await violationsOn(sites.bundled, paths, { width: 1280, height: 900 });
  assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
});

test('pages in every document state have no WCAG 2.2 A/AA violation', { skip }, async () => {
  const pages = pagesWithClasses(sites.states.dir);
  for (const state of ['status-draft', 'status-consultation', 'status-withdrawn']) {
    assert.ok(pages.some((p) => p.classes.includes(state)), `fixture has no ${state} page`);
  }
  const found = await violationsOn(sites.states, pages.map((p) => p.path), { width: 1280, height: 900 });
  assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
});

test('leaflets, the home page and a network view have no violation on a 375 px phone', { skip }, async () => {
  const leaflets = pagesWithClasses(sites.bundled.dir)
    .filter((p) => p.classes.includes('leaflet')).map((p) => p.path);
  assert.ok(leaflets.length > 0, 'no leaflets in the bundled content');
  const found = await violationsOn(sites.bundled, ['index.html', 'selk/index.html', ...leaflets],
    { width: 375, height: 812 });
  assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
});
