// Indicator pages: axe-core with the WCAG 2.2 A/AA rules reports no violation on any of them
// (desktop and a 375 px phone); every chart is an accessible image whose marks carry exactly
// the numbers of the table beside it; no page scrolls sideways at 375 px; charts print black.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite, serveSite, launchBrowser, chromiumAvailable, pagesWithClasses, axeViolations,
} from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let site, server, browser, paths;

before(async () => {
  if (!enabled) return;
  site = buildSite();
  server = await serveSite(site);
  browser = await launchBrowser();
  paths = pagesWithClasses(site)
    .filter((p) => p.classes.includes('indicators-page'))
    .map((p) => p.path);
});
after(async () => { await browser?.close(); await server?.close(); });

const url = (path) => server.url + path.replace(/index\.html$/, '');

test('the bundled content has every kind of indicator page', { skip }, () => {
  assert.ok(paths.includes('indicators/index.html'), paths.join(', '));
  assert.ok(paths.includes('indicators/ces-mri-within-4-hours/index.html'));
  assert.ok(paths.includes('selk/indicators/index.html'));
  // The index, 31 indicators and 14 networks.
  assert.equal(paths.length, 1 + 31 + 14);
});

// Every page at desktop width; at 375 px the index and one page of each shape (a ranking with
// a funnel plot, a bar chart of counts, a network's trends), as axe on every large network page
// twice would take minutes.
const PHONE = [
  'indicators/index.html', 'indicators/ces-mri-within-4-hours/index.html',
  'indicators/mscc-operations/index.html', 'selk/indicators/index.html',
];
for (const [name, viewport, which] of [
  ['desktop', { width: 1280, height: 900 }, () => paths],
  ['a 375 px phone', { width: 375, height: 812 }, () => PHONE],
]) {
  test(`indicator pages have no WCAG 2.2 A/AA violation on ${name}`, { skip }, async () => {
    const page = await browser.newPage({ viewport });
    const found = [];
    for (const path of which()) {
      const response = await page.goto(url(path));
      assert.equal(response.status(), 200, path);
      for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
    }
    await page.close();
    assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
  });
}

test('every chart is an image with a title and a finding, and its table holds the numbers of its marks', { skip }, async () => {
  const page = await browser.newPage();
  const problems = [];
  let charts = 0;
  let marks = 0;
  for (const path of paths) {
    await page.goto(url(path));
    const found = await page.evaluate(() => [...document.querySelectorAll('.chart-pair')].map((pair) => {
      const svg = pair.querySelector('svg.chart');
      const key = (el) => `${el.dataset.series} | ${el.dataset.key} | ${el.dataset.value}`;
      const labelled = (svg.getAttribute('aria-labelledby') || '').split(' ')
        .map((id) => document.getElementById(id)?.textContent.trim() ?? '');
      return {
        role: svg.getAttribute('role'),
        title: svg.querySelector(':scope > title')?.textContent.trim() ?? '',
        desc: svg.querySelector(':scope > desc')?.textContent.trim() ?? '',
        labelled,
        caption: pair.querySelector('figcaption')?.textContent ?? '',
        marks: [...svg.querySelectorAll('[data-value]')].map(key).sort(),
        markTitles: [...svg.querySelectorAll('[data-value]')].filter((m) => !m.querySelector('title')?.textContent).length,
        cells: [...pair.querySelectorAll('table td[data-value]')].map(key).sort(),
      };
    }));
    for (const [i, c] of found.entries()) {
      const where = `${path} chart ${i + 1}`;
      charts += 1;
      marks += c.marks.length;
      if (c.role !== 'img') problems.push(`${where}: role is ${c.role}`);
      if (!c.title || !c.desc) problems.push(`${where}: no title or desc`);
      if (c.labelled.join(' ') !== `${c.title} ${c.desc}`) problems.push(`${where}: aria-labelledby does not name the title and desc`);
      if (!c.caption.includes(c.desc)) problems.push(`${where}: the finding is not printed beside the chart`);
      if (c.marks.length === 0) problems.push(`${where}: no marks`);
      if (c.markTitles) problems.push(`${where}: ${c.markTitles} marks without a <title>`);
      assert.deepEqual(c.marks, c.cells, `${where}: marks and table differ`);
    }
  }
  await page.close();
  assert.deepEqual(problems, []);
  // 31 ranking charts, funnel plots for the rates, and a trend per indicator per network.
  assert.ok(charts > 31 + 14 * 31, `only ${charts} charts`);
  assert.ok(marks > 5000, `only ${marks} marks`);
});

test('indicator pages do not scroll sideways at 375 px and charts fit their box', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const problems = [];
  for (const path of paths) {
    await page.goto(url(path));
    const { scroll, client, wide } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      wide: [...document.querySelectorAll('svg.chart')]
        .filter((s) => s.getBoundingClientRect().right > document.documentElement.clientWidth).length,
    }));
    if (scroll > client) problems.push(`${path}: ${scroll} px wide in a ${client} px viewport`);
    if (wide) problems.push(`${path}: ${wide} charts wider than the screen`);
  }
  await page.close();
  assert.deepEqual(problems, []);
});

test('charts print in black and white, and RAG is said in words', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(url('selk/indicators/index.html'));
  const words = await page.locator('.ind-rag').allTextContents();
  assert.ok(words.length > 0 && words.every((w) => /^\W*(Green|Amber|Red): /.test(w.trim())), words.join('\n'));
  await page.emulateMedia({ media: 'print' });
  const strokes = await page.evaluate(() => [...new Set([...document.querySelectorAll('svg.chart polyline, svg.chart line.ref-standard')]
    .map((l) => getComputedStyle(l).stroke))]);
  assert.deepEqual(strokes, ['rgb(0, 0, 0)']);
  await page.close();
});

test('indicator pages say the figures are examples', { skip }, async () => {
  const page = await browser.newPage();
  for (const path of paths) {
    await page.goto(url(path));
    const note = await page.locator('.banner-example-figures').textContent();
    assert.match(note, /generated for demonstration/, path);
  }
  await page.close();
});
