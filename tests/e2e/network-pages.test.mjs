// The network's own pages: the service directory (a network's and the national index), the
// workplan and its progress report. axe finds no WCAG 2.2 A/AA violation at desktop and phone
// widths, no page scrolls sideways at 375 px, the directory's filter works without JavaScript,
// and a progress report long enough to span pages prints on A4 with its table headers on
// every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, buildSite, serveSite, launchBrowser, chromiumAvailable, axeViolations, temporaryFolder } from './lib.mjs';

const enabled = chromiumAvailable();
const skip = !enabled && 'no Chromium';
let browser;
let server;

const PAGES = ['selk/services/', 'services/', 'selk/', 'selk/workplan/2022-23/', 'selk/reports/2022-23-mid-year/',
  'wessex/reports/2026-27-mid-year/'];

/** The bundled content with a long example workplan for Wessex, so its report spans pages. */
function contentWithLongReport() {
  const dir = join(temporaryFolder('pathways-e2e-content-'), 'content');
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  const rag = ['red', 'amber', 'green', 'complete'];
  const deliverables = Array.from({ length: 30 }, (_, i) => `
      - title: Item${i + 1}. An example deliverable with a long enough title to wrap onto two lines in the table
        lead: "Placeholder: lead"
        impact: Example expected impact of the deliverable, written out as a sentence or two.
        status:
          - period: mid-year
            date: 2026-10-01
            rag: ${rag[i % 4]}
            evidence: Example evidence of progress, with enough words to take a few lines in its column.
            mitigation: Example mitigation.
        support:
          icb: Example support asked of the ICB.`).join('');
  mkdirSync(join(dir, 'networks/wessex/workplan'), { recursive: true });
  writeFileSync(join(dir, 'networks/wessex/workplan/2026-27.yaml'), `example: true
areas:
  - area: service-delivery
    deliverables:${deliverables}
reports:
  - period: mid-year
    date: 2026-10-15
    achievements: [Example achievement.]
`);
  return dir;
}

before(async () => {
  if (!enabled) return;
  const content = contentWithLongReport();
  server = await serveSite(buildSite([], content));
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.close(); });

test('the directory, workplan and report pages have no WCAG 2.2 A/AA violation at 1280 and 375 px', { skip }, async () => {
  const found = [];
  for (const width of [1280, 375]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const path of PAGES) {
      const response = await page.goto(server.url + path);
      assert.equal(response.status(), 200, path);
      for (const v of await axeViolations(page)) found.push(`${width} px ${path}: ${v}`);
    }
    await page.close();
  }
  assert.deepEqual(found, [], found.join('\n'));
});

test('no page scrolls sideways on a 375 px phone', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const problems = [];
  for (const path of [...PAGES, 'selk/services/#service-mri', 'selk/services/#hospital-medway']) {
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

test('the on-call number is one tap from the network page, and the filter works without JavaScript', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.goto(server.url + 'selk/');
  const call = page.locator('.on-call a[href^="tel:"]').first();
  assert.ok(await call.isVisible(), 'no visible tel: link on the network page');
  assert.match(await call.getAttribute('href'), /^tel:\+44\d{10}$/);
  await page.goto(server.url + 'selk/services/');
  assert.ok(await page.locator('#hospital-kings').isVisible());
  assert.equal(await page.locator('#by-service').isVisible(), false, 'by service is hidden until chosen');
  await page.click('a[href="#service-mri"]');
  assert.ok(await page.locator('#service-mri').isVisible());
  assert.equal(await page.locator('#hospital-kings').isVisible(), false, 'by hospital hidden while a service is chosen');
  assert.equal(await page.locator('#service-spinal-on-call').isVisible(), false, 'other services hidden');
  await page.click('a[href="#hospital-medway"]');
  assert.ok(await page.locator('#hospital-medway').isVisible());
  assert.equal(await page.locator('#hospital-kings').isVisible(), false, 'other hospitals hidden');
  await context.close();
});

test('a progress report prints on A4 with the workplan table headers repeated on every page', { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(server.url + 'wessex/reports/2026-27-mid-year/');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'the header prints');
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const file = join(temporaryFolder('pathways-pdf-'), 'report.pdf');
  writeFileSync(file, pdf);
  // A4 is 595 × 842 points.
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Page size:.*\(A4\)/);
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  const rows = new Set(pages.join("\n").match(/Item\d+\./g));
  assert.equal(rows.size, 30, "every row prints");
  const withRows = pages.filter((p) => /Item\d+\./.test(p));
  assert.ok(withRows.length >= 2, `the table spans only ${withRows.length} pages`);
  for (const [i, p] of withRows.entries()) {
    assert.match(p, /Deliverable and/, `page ${i + 1} of the table has no header row`);
    assert.match(p, /RAG rating/, `page ${i + 1} of the table has no header row`);
  }
  // Ratings print as words, not colour alone.
  assert.match(pages.join('\n'), /Red: off track/);
  await page.close();
});
