// Comparisons and variation: the rendered comparison of two versions, a national document's
// variation page and the variation index pass axe (WCAG 2.2 A/AA) with every disclosure open,
// open their folded sections from the keyboard, and fit a 375 px phone without scrolling
// sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSite, serveSite, launchBrowser, chromiumAvailable, axeViolations, focusAppearance,
} from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let site, server, browser, paths;

/** Every comparison page of the built site. */
function comparePages(dir) {
  const found = [];
  const walk = (rel) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const sub = rel ? `${rel}/${e.name}` : e.name;
      if (/\/compare\/v[^/]+$/.test(sub) && existsSync(join(dir, sub, 'index.html'))) found.push(`${sub}/`);
      else walk(sub);
    }
  };
  walk('');
  return found;
}

before(async () => {
  if (!enabled) return;
  site = buildSite();
  server = await serveSite(site);
  browser = await launchBrowser();
  const variation = readdirSync(join(site, 'national'))
    .filter((slug) => existsSync(join(site, 'national', slug, 'variation', 'index.html')))
    .map((slug) => `national/${slug}/variation/`);
  paths = ['variation/', 'variation/by-title/', ...variation, ...comparePages(site)];
});
after(async () => { await browser?.close(); await server?.close(); });

async function openAll(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
}

test('the bundled site has variation and comparison pages', { skip }, () => {
  assert.ok(paths.filter((p) => p.endsWith('/variation/')).length >= 4, paths.join('\n'));
  assert.ok(paths.some((p) => p.includes('/compare/')), paths.join('\n'));
});

test('comparison and variation pages have no WCAG 2.2 A/AA violation, folded or open', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const found = [];
  for (const path of paths) {
    assert.equal((await page.goto(server.url + path)).status(), 200, path);
    for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
    await openAll(page);
    for (const v of await axeViolations(page)) found.push(`${path} (open): ${v}`);
  }
  await page.close();
  assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
});

test('comparison and variation pages fit a 375 px phone, folded and open', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const problems = [];
  const width = () => page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  for (const path of paths) {
    await page.goto(server.url + path);
    let [scroll, client] = await width();
    if (scroll > client) problems.push(`${path}: ${scroll} px wide in ${client} px`);
    await openAll(page);
    [scroll, client] = await width();
    if (scroll > client) problems.push(`${path} (open): ${scroll} px wide in ${client} px`);
  }
  await page.close();
  assert.deepEqual(problems, []);
});

/** Tabs until the focused element's text starts with `text`; asserts a visible focus. */
async function tabToText(page, text, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (here.startsWith(text)) {
      const focus = await focusAppearance(page);
      assert.ok(focus.visible, `"${text}" has no visible focus`);
      return;
    }
  }
  assert.fail(`Tab never reached "${text}"`);
}

test('folded sections open from the keyboard', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const variation = paths.find((p) => p.startsWith('national/') && p.endsWith('/variation/'));
  await page.goto(server.url + variation);
  await tabToText(page, 'National text of this section');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), true);

  const compare = paths.find((p) => p.includes('/compare/'));
  await page.goto(server.url + compare);
  await tabToText(page, 'Changes to the Markdown source');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), true);
  assert.ok(await page.locator('pre.diff').isVisible(), 'the Markdown diff shows once opened');

  await page.goto(server.url + 'variation/');
  await tabToText(page, 'by title');
  await page.keyboard.press('Enter');
  await page.waitForURL(/variation\/by-title\/$/);
  await page.close();
});
