// Translations, Easy Read and large print in headless Chromium on the bundled example site:
// no axe violation (WCAG 2.2 A/AA) on translated pages (right-to-left included), the Easy
// Read page and a large-print page, at desktop width and at 375 px; none scrolls sideways at
// 375 px; large print is 16 pt or more on screen and in print; a search in a translation's
// language finds it, and an English search finds no translation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serveSite, launchBrowser, chromiumAvailable, axeViolations } from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let site, server, browser;

const CES = 'national/cauda-equina-syndrome-warning-signs/';
const PAGES = {
  polish: `${CES}pl/`,
  urdu: `${CES}ur/`,
  stale: 'national/lumbar-decompression/pl/',
  easyRead: `${CES}easy-read/`,
  largePrint: 'national/lumbar-decompression/large-print/',
  english: CES,
};
/** 16 pt in CSS pixels. */
const PT16 = (16 * 96) / 72;

before(async () => {
  if (!enabled) return;
  site = buildSite();
  server = await serveSite(site);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

test('translated (right-to-left too), Easy Read and large-print pages have no axe violation at 1280 and 375 px', { skip }, async () => {
  const problems = [];
  for (const width of [1280, 375]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const path of Object.values(PAGES)) {
      await page.goto(server.url + path);
      for (const v of await axeViolations(page)) problems.push(`${path} at ${width} px: ${v}`);
    }
    await page.close();
  }
  assert.deepEqual(problems, []);
});

test('none of them scrolls sideways at 375 px', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const problems = [];
  for (const path of Object.values(PAGES)) {
    await page.goto(server.url + path);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (scroll > client) problems.push(`${path}: ${scroll} px wide in a ${client} px viewport`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the Urdu page reads right to left, its English notes left to right, and the stale one says so in both languages', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + PAGES.urdu);
  assert.equal(await page.getAttribute('html', 'lang'), 'ur');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.doc-body p:not(.callout-title)')).direction), 'rtl');
  // The urgent card's label is English: left to right, and announced as English.
  const label = page.locator('.doc-body .callout-title').first();
  assert.equal(await label.getAttribute('lang'), 'en');
  assert.equal(await label.evaluate((p) => getComputedStyle(p).direction), 'ltr');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).direction), 'ltr');
  assert.match(await page.locator('.banner-machine').innerText(), /Machine-assisted example translation/);

  await page.goto(server.url + PAGES.stale);
  const banner = page.locator('.banner-stale');
  assert.match(await banner.locator('p[lang=pl]').innerText(), /nowsza angielska wersja/);
  assert.match(await banner.locator('p[lang=en]').innerText(), /A newer English version of this leaflet exists/);
  const links = await banner.locator('a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  assert.ok(links.includes('/national/lumbar-decompression/'), links.join(' '));
  assert.ok(links.includes('/national/lumbar-decompression/compare/v1.0-v1.1/'), links.join(' '));
  await page.close();
});

test('Easy Read rows put a picture with alternative text beside one idea a line, in large type', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await page.goto(server.url + PAGES.easyRead);
  const rows = await page.$$eval('.er-row', (rs) => rs.map((r) => ({
    alts: [...r.querySelectorAll('.er-picture img')].map((i) => i.getAttribute('alt')),
    lines: r.querySelectorAll('.er-text p').length,
    columns: getComputedStyle(r).gridTemplateColumns.split(' ').length,
  })));
  assert.ok(rows.length >= 5, `${rows.length} rows`);
  assert.ok(rows.filter((r) => r.alts.length).length >= 5, 'rows have pictures');
  assert.ok(rows.every((r) => r.alts.every((a) => a && a.trim().length > 3)), JSON.stringify(rows));
  assert.ok(rows.some((r) => r.lines >= 3), 'one idea a line');
  assert.ok(rows.every((r) => r.columns === 2), 'a picture column beside the text');
  // Every line, a card's label included, is in large type.
  const size = await page.evaluate(() => Math.min(...[...document.querySelectorAll('.er-text p')].map((p) => parseFloat(getComputedStyle(p).fontSize))));
  assert.ok(size >= PT16, `Easy Read text is ${size} px`);
  await page.close();
});

test('large print is at least 16 pt on screen, on a phone and in print', { skip }, async () => {
  for (const width of [1280, 375]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(server.url + PAGES.largePrint);
    // The smallest paragraph of the text, a card's label included.
    const smallest = () => Math.min(...[...document.querySelectorAll('.doc-body p')].map((p) => parseFloat(getComputedStyle(p).fontSize)));
    const size = await page.evaluate(smallest);
    assert.ok(size >= PT16, `large print text is ${size} px at ${width} px`);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(smallest);
    assert.ok(printed >= PT16 - 0.01, `printed large print is ${printed} px`);
    await page.close();
  }
});

test('the English leaflet lists its languages and formats, and hreflang alternates in its head', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + PAGES.english);
  const langs = await page.$$eval('link[rel=alternate][hreflang]', (ls) => ls.map((l) => l.hreflang));
  assert.deepEqual(langs, ['en', 'pl', 'ur', 'x-default']);
  const list = await page.locator('.formats').innerText();
  for (const name of ['Polski', 'اردو', 'Easy Read', 'Large print']) assert.ok(list.includes(name), list);
  await page.close();
});

/** Result links (paths) once the status line says `pattern`. */
async function results(page, pattern) {
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('search-status').textContent), pattern.source);
  // The status line comes first; the results follow once their records are fetched.
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0 || /No results/.test(document.getElementById('search-status').textContent));
  return page.$$eval('#search-results .search-result-title a', (as) => as.map((a) => new URL(a.href).pathname));
}

test('searching in Polish or Urdu finds the translation; searching in English finds no translation', { skip }, async () => {
  const page = await browser.newPage();
  const failed = [];
  page.on('pageerror', (e) => failed.push(e.message));
  await page.goto(server.url + 'search/?lang=pl&q=' + encodeURIComponent('ogona końskiego'));
  let links = await results(page, /for “ogona końskiego”/);
  assert.equal(links[0], `/${PAGES.polish}`, links.join(' '));

  await page.goto(server.url + 'search/?lang=ur&q=' + encodeURIComponent('کاؤڈا'));
  links = await results(page, /for “کاؤڈا”/);
  assert.ok(links.includes(`/${PAGES.urdu}`), links.join(' '));
  assert.equal(await page.getAttribute('#search-results', 'dir'), 'rtl');
  // The site's own words in the results stay marked as English.
  assert.equal(await page.locator('#search-results .search-result-meta').first().getAttribute('lang'), 'en-GB');
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(server.url + 'search/?q=' + encodeURIComponent('cauda equina'));
  links = await results(page, /for “cauda equina”/);
  assert.ok(links.length > 0);
  assert.ok(links.every((l) => !/\/(pl|ur|easy-read)\/$/.test(l)), links.join(' '));

  // A translation's own search box searches its language.
  await page.goto(server.url + PAGES.polish);
  assert.equal(await page.getAttribute('.site-header input[name=lang]', 'value'), 'pl');
  assert.deepEqual(failed, []);
  await page.close();
});
