// Phone first: no page of the bundled site, of the fixture in every document state, or of a
// fixture with wide tables, long words and long addresses scrolls sideways at 375 px (nor at
// 1280 px); author tables scroll inside labelled, focusable boxes; what a clinician or a patient
// needs first is in the first screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, buildSite, buildFixtureWithDrafts, serveSite, launchBrowser, chromiumAvailable, htmlPages,
} from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let browser;
const sites = {};

before(async () => {
  if (!enabled) return;
  const builds = [
    ['bundled', buildSite()],
    ['states', buildFixtureWithDrafts()],
    ['wide', buildSite([], join(ROOT, 'tests/fixtures/phone'))],
  ];
  for (const [name, dir] of builds) sites[name] = { dir, server: await serveSite(dir) };
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.server.close();
});

const url = (site, path) => site.server.url + path.replace(/index\.html$/, '');

/** Pages of `site` wider than `width`, with the element that sticks out furthest. */
async function tooWide(site, width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const found = [];
  for (const path of htmlPages(site.dir)) {
    await page.goto(url(site, path));
    const r = await page.evaluate(() => {
      const sw = document.documentElement.scrollWidth;
      let culprit = '';
      if (sw > innerWidth) {
        for (const el of document.querySelectorAll('body *')) {
          if (el.getBoundingClientRect().right > innerWidth + 1) {
            culprit = `${el.tagName.toLowerCase()}.${el.className}`;
            break;
          }
        }
      }
      return { sw, culprit };
    });
    if (r.sw > width) found.push(`${path}: ${r.sw} px wide (${r.culprit})`);
  }
  await page.close();
  return found;
}

for (const width of [375, 1280]) {
  test(`no page of any test site scrolls sideways at ${width} px`, { skip }, async () => {
    let pages = 0;
    const found = [];
    for (const site of Object.values(sites)) {
      pages += htmlPages(site.dir).length;
      found.push(...await tooWide(site, width));
    }
    assert.ok(pages > 150, `only ${pages} pages checked`);
    assert.deepEqual(found, [], found.join('\n'));
  });
}

test('the wide fixture is wider than a phone inside its scroll boxes only', { skip }, async () => {
  // The check above would pass vacuously if the fixture's tables were narrow.
  const page = await browser.newPage({ viewport: { width: 375, height: 900 } });
  await page.goto(url(sites.wide, 'national/wide/'));
  const widths = await page.$$eval('.doc-body table', (ts) => ts.map((t) => t.scrollWidth));
  assert.equal(widths.length, 2);
  for (const w of widths) assert.ok(w > 375, `a fixture table is only ${w} px wide`);
  await page.close();
});

test('every author table scrolls in a focusable region named by its caption or heading', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 900 } });
  await page.goto(url(sites.wide, 'national/wide/'));
  const boxes = await page.$$eval('.doc-body table', (ts) => ts.map((t) => {
    const box = t.parentElement;
    return {
      role: box.getAttribute('role'), tabindex: box.getAttribute('tabindex'),
      label: box.getAttribute('aria-label'), overflow: getComputedStyle(box).overflowX,
    };
  }));
  assert.deepEqual(boxes, [
    { role: 'region', tabindex: '0', label: 'Table: Who to call', overflow: 'auto' },
    { role: 'region', tabindex: '0', label: 'Time to scan, by presentation', overflow: 'auto' },
  ]);
  // The keyboard reaches the box and scrolls it.
  const box = page.locator('.doc-body [role=region]').first();
  await box.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // Chromium scrolls for a key press with a short animation: wait for it rather than read
  // the position at once (on a busy machine the animation may not have begun).
  const scrolled = await page
    .waitForFunction((b) => b.scrollLeft > 0, await box.elementHandle(), { timeout: 3000 })
    .then(() => true, () => false);
  assert.ok(scrolled, 'the arrow keys do not scroll the table');
  await page.close();
});

test('every table in the bundled documents is in a labelled scroll box', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 900 } });
  const found = [];
  for (const path of htmlPages(sites.bundled.dir)) {
    await page.goto(url(sites.bundled, path));
    const bare = await page.$$eval('main table', (ts) => ts.filter((t) => {
      const box = t.closest('.table-scroll');
      return !box || box.getAttribute('role') !== 'region' || box.getAttribute('tabindex') !== '0'
        || !(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'));
    }).length);
    if (bare) found.push(`${path}: ${bare} table(s) outside a labelled scroll box`);
  }
  assert.deepEqual(found, [], found.join('\n'));
  await page.close();
});

/** Pages of `site` whose HTML matches `pattern`. */
function pagesWith(site, pattern) {
  return htmlPages(site.dir).filter((p) => pattern.test(readFileSync(join(site.dir, p), 'utf8')));
}

test('on a phone, every page with red flags has a jump to them within the first 800 px', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  const paths = [...pagesWith(sites.bundled, /id="?first-red-flag\b/)]
    .filter((p) => !/\/(compare|variation|history)\//.test(p));
  assert.ok(paths.length >= 10, `only ${paths.length} pages with red flags`);
  const found = [];
  let jumps = 0;
  for (const path of paths) {
    await page.goto(url(sites.bundled, path));
    const r = await page.evaluate(() => {
      const card = document.getElementById('first-red-flag');
      const jump = document.querySelector('.red-flag-jump a[href="#first-red-flag"]');
      const top = (el) => el.getBoundingClientRect().top + scrollY;
      return { card: top(card), jump: jump ? top(jump) + jump.offsetHeight : null };
    });
    if (r.jump !== null) jumps += 1;
    const first = r.jump ?? r.card;
    if (first > 800) found.push(`${path}: the red flags are first reached at ${Math.round(first)} px`);
  }
  assert.ok(jumps > 0);
  assert.deepEqual(found, [], found.join('\n'));
  // The jump lands on the card.
  await page.goto(url(sites.bundled, 'national/suspected-cauda-equina-syndrome/'));
  await page.click('.red-flag-jump a');
  const top = await page.evaluate(() => document.getElementById('first-red-flag').getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 5, `after the jump the card is at ${top} px`);
  await page.close();
});

test('a warning-signs leaflet shows its urgent card, in patient words, within the first 600 px', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 600 } });
  for (const slug of ['cauda-equina-syndrome-warning-signs', 'metastatic-spinal-cord-compression-warning-signs']) {
    await page.goto(url(sites.bundled, `national/${slug}/`));
    const card = page.locator('.doc-body > .callout-caution').first();
    const box = await card.boundingBox();
    assert.ok(box && box.y + 120 < 600, `${slug}: the urgent card starts at ${box?.y} px`);
    const text = await card.innerText();
    assert.match(text, /^Get help now/);
    assert.match(text, /(A&E|999)/);
    assert.doesNotMatch(text, /red flag/i);
    // Nothing of the body comes before the card.
    assert.equal(await page.locator('.doc-body > :first-child').evaluate((e) => e.classList.contains('callout-caution')), true);
  }
  await page.close();
});

test('the control box is one line on a phone that opens without JavaScript, and open on a wide screen', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const path = url(sites.bundled, 'national/suspected-cauda-equina-syndrome/');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(path);
  const summary = page.locator('.doc-control > summary');
  assert.equal(await summary.locator(".doc-control-line").innerText(), "v2.0 · approved 14 Sep 2026 · review Sep 2028");
  assert.match(await summary.textContent(), /^Document control: v2\.0 .* \(details\)$/);
  const height = (await summary.boundingBox()).height;
  assert.ok(height < 60, `the folded control box is ${height} px tall`);
  assert.equal(await page.locator('.control-box').isVisible(), false);
  await summary.click();
  assert.equal(await page.locator('.control-box').isVisible(), true);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(path);
  assert.equal(await summary.isVisible(), false);
  assert.equal(await page.locator('.control-box dt', { hasText: 'Approved by' }).isVisible(), true);
  await context.close();
});

test('a network page leads with its emergency contact and documents; its profile follows', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  for (const [site, path] of [[sites.bundled, 'selk/'], [sites.wide, 'gamma/']]) {
    await page.goto(url(site, path));
    const order = await page.evaluate(() => ['#on-call-heading', '#local-heading', '#review-heading', '#profile-heading']
      .map((s) => document.querySelector(s)?.getBoundingClientRect().top ?? -1));
    assert.ok(order.every((t) => t >= 0), `${path}: ${order}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, `${path}: sections out of order: ${order}`);
    assert.ok(order[0] < 800, `${path}: the emergency contact starts at ${order[0]} px`);
  }
  await page.close();
});

test('the search page has one search box and filter controls at least 40 px tall', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  await page.goto(url(sites.bundled, 'search/'));
  assert.equal(await page.locator('input[type=search]').count(), 1);
  const heights = await page.$$eval('.search-filters select', (ss) => ss.map((s) => s.getBoundingClientRect().height));
  // Kind, audience, network, status, and the language of the translations searched.
  assert.equal(heights.length, 5);
  for (const h of heights) assert.ok(h >= 40, `a filter control is ${h} px tall`);
  await page.close();
});

test('abbreviations are explained on first use and the glossary lists them', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(url(sites.bundled, 'national/suspected-cauda-equina-syndrome/'));
  const abbr = page.locator('.doc-body abbr[title]', { hasText: /^CES$/ });
  assert.equal(await abbr.count(), 1, 'CES is marked once');
  assert.equal(await abbr.getAttribute('title'), 'Cauda equina syndrome');
  await page.goto(url(sites.bundled, 'glossary/'));
  assert.equal(await page.locator('h1').innerText(), 'Glossary');
  assert.ok(await page.locator('.glossary dt', { hasText: /^MSCC$/ }).count() === 1);
  await page.close();
});
