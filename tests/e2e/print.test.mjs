// Print (A4): a pathway, a leaflet and a network's handbook printed to PDF in Chromium, read
// back with pdftotext: how many pages, no page left with fewer than three lines of text, no
// heading stranded at the foot of a page, and the handbook's documents each on a new page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, serveSite, launchBrowser, chromiumAvailable, temporaryFolder } from './lib.mjs';

const PDFTOTEXT = '/usr/bin/pdftotext';
const enabled = chromiumAvailable() && existsSync(PDFTOTEXT);
const skip = !enabled && 'no Chromium or pdftotext';
let server, browser;
const scratch = temporaryFolder('pathways-print-');

before(async () => {
  if (!enabled) return;
  server = await serveSite(buildSite());
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Prints `path` to an A4 PDF and returns its pages as lists of non-empty lines, without the
 * running footer (the last two lines of each page: title, version and review, then address and
 * page number). */
async function printed(path) {
  const page = await browser.newPage();
  await page.goto(server.url + path);
  await page.emulateMedia({ media: 'print' });
  const file = join(scratch, `${path.replace(/\W+/g, '-')}.pdf`);
  writeFileSync(file, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await page.close();
  const text = execFileSync(PDFTOTEXT, ['-layout', file, '-']).toString();
  const pages = text.split('\f').map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean));
  if (pages.length && pages.at(-1).length === 0) pages.pop();
  for (const [i, p] of pages.entries()) {
    const footer = new RegExp(`Page ${i + 1} of ${pages.length}$`);
    assert.ok(p.slice(-2).some((l) => footer.test(l)), `${path}: page ${i + 1} has no footer: ${p.slice(-2)}`);
  }
  return pages.map((p) => p.slice(0, -2));
}

function problems(path, pages) {
  const found = [];
  for (const [i, lines] of pages.entries()) {
    if (lines.length < 3) found.push(`${path} page ${i + 1}: only ${lines.length} line(s): ${lines.join(' | ')}`);
    const last = lines.at(-1) ?? '';
    if (/^(Version history|Contents|Red flags?|When to get help urgently)$/.test(last)) {
      found.push(`${path} page ${i + 1} ends with the heading "${last}"`);
    }
  }
  return found;
}

test('a pathway and a leaflet print on A4 without stranded lines or headings', { skip }, async () => {
  const found = [];
  for (const [path, min, max] of [
    ['national/suspected-cauda-equina-syndrome/', 3, 8],
    ['national/lumbar-discectomy/', 2, 5],
    ['national/cauda-equina-syndrome-warning-signs/', 1, 4],
    ['selk/spinal-fracture-referral/', 1, 4],
  ]) {
    const pages = await printed(path);
    assert.ok(pages.length >= min && pages.length <= max, `${path}: ${pages.length} pages`);
    found.push(...problems(path, pages));
    const all = pages.flat().join('\n');
    assert.doesNotMatch(all, /use your browser's Print command/, `${path}: the print hint prints`);
    assert.doesNotMatch(all, /Red flags: act now\n/, `${path}: the jump link prints`);
  }
  assert.deepEqual(found, [], found.join('\n'));
});

test('a warning-signs leaflet prints its urgent card on the first page', { skip }, async () => {
  const [first] = await printed('national/metastatic-spinal-cord-compression-warning-signs/');
  assert.ok(first.some((l) => l.includes('Get help now')), first.join('\n'));
  assert.ok(first.some((l) => l.includes('Call 999 or go to A&E now')), first.join('\n'));
});

test('the network handbook prints every document in force, each from a new page', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'selk/print/');
  const titles = await page.locator('.handbook-doc > h2').allInnerTexts();
  const contents = await page.locator('.handbook-contents li a').allInnerTexts();
  assert.deepEqual(contents, titles);
  assert.ok(titles.length >= 15, `only ${titles.length} documents`);
  // The network's own documents first, then the national ones it has not adapted.
  assert.ok(titles.includes('Suspected cauda equina syndrome pathway (South East London and Kent)'));
  assert.ok(!titles.includes('National suspected cauda equina syndrome pathway'), 'an adapted national document is printed');
  assert.equal(await page.locator('.print-hint').isVisible(), true, 'no "print or save as PDF" hint on screen');
  await page.close();

  const pages = await printed('selk/print/');
  assert.ok(pages.length > titles.length, `${pages.length} pages for ${titles.length} documents`);
  assert.deepEqual(problems('selk/print/', pages), []);
  // Each document starts a page: its title is among the first lines of some page after the first.
  const tops = pages.slice(1).map((lines) => lines.slice(0, 4).join(' '));
  const missing = titles.filter((t) => !tops.some((top) => top.includes(t.slice(0, 30))));
  assert.deepEqual(missing, [], `documents that do not start a page:\n${missing.join('\n')}`);
});
