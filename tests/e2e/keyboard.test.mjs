// Keyboard: with the keyboard alone a user reaches the skip link, the search box, the network
// switcher and a document link, and each shows a visible focus indicator when focused. The
// switcher opens without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serveSite, launchBrowser, chromiumAvailable, focusAppearance } from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let server, browser;

before(async () => {
  if (!enabled) return;
  server = await serveSite(buildSite());
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Presses Tab until `matches(focused)` holds; returns the focused element's appearance. */
async function tabTo(page, what, matches, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const here = await focusAppearance(page);
    if (matches(here)) return here;
  }
  assert.fail(`Tab never reached ${what} in ${limit} presses`);
}

function assertVisible(focus, what) {
  assert.ok(focus.visible, `${what} has no visible focus: focused "${focus.focused}", unfocused "${focus.blurred}"`);
  assert.ok(focus.onScreen, `${what} is focused but off screen`);
}

test('a keyboard walk through a network view', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url + 'selk/');

  await page.keyboard.press('Tab');
  const skipLink = await focusAppearance(page);
  assert.equal(skipLink.cls, 'skip-link', 'the first Tab stop is the skip link');
  assertVisible(skipLink, 'the skip link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main-content',
    'the skip link moves focus to the main content');

  await page.goto(server.url + 'selk/');
  assertVisible(await tabTo(page, 'the search box', (f) => f.id === 'site-search'), 'the search box');
  const summary = await tabTo(page, 'the network switcher', (f) => f.tag === 'summary');
  assert.match(summary.text, /Change network/);
  assertVisible(summary, 'the network switcher');
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => document.querySelector('details.switcher').open), 'Enter opens the switcher');
  const other = await tabTo(page, 'a network in the switcher', (f) => f.tag === 'a', 1);
  assertVisible(other, 'a network in the switcher');
  const doc = await tabTo(page, 'a document link', (f) => f.cls === 'doc-title');
  assertVisible(doc, 'a document link');
  await Promise.all([page.waitForURL(/\/selk\/[^/]+\/$/), page.keyboard.press('Enter')]);
  assert.match(await page.locator('.network-bar-name').innerText(), /South East London and Kent/,
    'a document of the network keeps its context');
  await page.close();
});

test('the home page search box is reachable and visibly focused', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await page.goto(server.url);
  assertVisible(await tabTo(page, 'the search box', (f) => f.id === 'home-search'), 'the search box');
  await page.keyboard.type('cauda equina');
  await page.keyboard.press('Enter');
  await page.waitForURL(/search\/\?q=cauda\+equina$/);
  await page.close();
});

test('the network switcher works without JavaScript', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + 'selk/');
  const link = page.locator('.switcher a', { hasText: 'Wessex' });
  assert.equal(await link.isVisible(), false, 'the switcher starts closed');
  await page.locator('.switcher summary').click();
  assert.equal(await link.isVisible(), true);
  await link.click();
  await page.waitForURL(/\/wessex\/$/);
  assert.match(await page.locator('h1').innerText(), /Wessex/);
  assert.match(await page.locator('.network-bar-name').innerText(), /Wessex/, 'the new network keeps its context');
  await context.close();
});
