// Flowcharts: pages with a flowchart pass axe at phone width (desktop: a11y.test.mjs), the text version's
// "go to step" links move the keyboard focus to the step, a phone never scrolls sideways (the
// drawing scrolls inside its own box), and the printed CES pathway has the whole chart on one
// A4 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSite, serveSite, launchBrowser, chromiumAvailable, htmlPages, axeViolations,
  temporaryFolder,
} from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let site, server, browser, chartPages;

before(async () => {
  if (!enabled) return;
  site = buildSite();
  server = await serveSite(site);
  browser = await launchBrowser();
  chartPages = htmlPages(site).filter((p) => readFileSync(join(site, p), 'utf8').match(/class="?flowchart-svg/))
    .map((p) => p.replace(/index\.html$/, ''));
});
after(async () => { await browser?.close(); await server?.close(); });

test('the bundled pathways with flowcharts are the ones expected', { skip }, () => {
  for (const p of ['national/suspected-cauda-equina-syndrome/', 'national/metastatic-spinal-cord-compression/',
    'national/back-and-radicular-pain/', 'selk/suspected-cauda-equina-syndrome/']) {
    assert.ok(chartPages.includes(p), `${p} has no flowchart (found: ${chartPages.join(', ')})`);
  }
});

// At 1280 px these pages are checked with every other page of the bundled content (a11y.test.mjs).
test('pages with flowcharts have no WCAG 2.2 A/AA violation at 375 px', { skip }, async () => {
  const found = [];
  for (const viewport of [{ width: 375, height: 812 }]) {
    const page = await browser.newPage({ viewport });
    for (const path of chartPages) {
      await page.goto(server.url + path);
      for (const v of await axeViolations(page)) found.push(`${viewport.width} px ${path}: ${v}`);
    }
    await page.close();
  }
  assert.deepEqual(found, []);
});

test('a "go to step" link moves the focus to that step, and Tab goes on from there', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'national/suspected-cauda-equina-syndrome/');
  // On a wide screen the text version is closed under the drawing; open it from the keyboard.
  const details = page.locator('details.flowchart-text').first();
  assert.equal(await details.evaluate((d) => d.open), false, 'closed by default on a wide screen');
  assert.equal(await details.locator('ol').isVisible(), false, 'the list is hidden while closed');
  await details.locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await details.evaluate((d) => d.open), true);
  const link = details.locator('a.fc-go', { hasText: 'go to step 5' }).first();
  const target = (await link.getAttribute('href')).slice(1);
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.activeElement?.id === id, target, { timeout: 2000 });
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Transfer for MRI/);
  // The next Tab reaches the links inside that step, in reading order.
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => ({ text: document.activeElement.textContent, inStep: !!document.activeElement.closest('li[tabindex="-1"]') }));
  assert.equal(next.inStep, true, JSON.stringify(next));
  assert.match(next.text, /Transfer for MRI|go to step 6/);
  await page.close();
});

test('at 375 px no page with a flowchart scrolls sideways; the drawing scrolls in its own box', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const problems = [];
  for (const path of chartPages) {
    await page.goto(server.url + path);
    const m = await page.evaluate(() => {
      const box = document.querySelector('.flowchart-drawing');
      const svg = box.querySelector('svg');
      return {
        scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        boxRight: box.getBoundingClientRect().right,
        fontScale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
        // The text version's list is shown without opening it.
        textOpen: document.querySelector('.flowchart-text ol').getBoundingClientRect().height > 0,
      };
    });
    if (m.scroll > m.client) problems.push(`${path}: page is ${m.scroll} px wide in ${m.client} px`);
    if (m.boxRight > m.client) problems.push(`${path}: the drawing's box ends at ${m.boxRight} px`);
    if (m.fontScale < 0.7) problems.push(`${path}: the drawing is shrunk to ${m.fontScale.toFixed(2)} of its size`);
    if (!m.textOpen) problems.push(`${path}: the text version is closed`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the printed CES pathway has its whole flowchart on one A4 page', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'national/suspected-cauda-equina-syndrome/');
  await page.emulateMedia({ media: 'print' });
  const urgent = await page.locator('.flowchart-svg .fc-band-text').count();
  assert.ok(urgent >= 2);
  const shape = await page.evaluate(() => getComputedStyle(document.querySelector('.flowchart-svg .fc-shape')).fill);
  assert.equal(shape, 'rgb(255, 255, 255)', 'boxes print white');
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const file = join(temporaryFolder('pathways-pdf-'), 'ces.pdf');
  writeFileSync(file, pdf);
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
  // Words only the drawing has: its urgent bands (the text version below it repeats the boxes'
  // words, and may fall on the next page).
  const drawing = pages.filter((t) => t.includes('! URGENT'));
  assert.equal(drawing.length, 1, `the drawing is spread over ${drawing.length} pages`);
  assert.equal(drawing[0].split('! URGENT').length - 1, urgent, drawing[0]);
  for (const words of ['Back or leg pain with any', 'Can this hospital', 'Does the MRI show', 'safe opportunity']) {
    assert.ok(drawing[0].includes(words), `"${words}" is not on the drawing's page:\n${drawing[0]}`);
  }
  await page.close();
});
