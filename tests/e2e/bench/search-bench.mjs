// Benchmark (not a test): bytes a query transfers, gzipped as a static host would serve them,
// and the time to an answer, in headless Chromium on a built site.
// Usage: node search-bench.mjs PUBLIC_DIR [query ...], e.g. on a site built from
// scripts/corpus.py. The first query is cold (fresh page, empty cache); each later one is warm
// (same page, after the ones before it).
import { gzipSync } from 'node:zlib';
import { serveSite, launchBrowser } from '../lib.mjs';

const [dir, ...args] = process.argv.slice(2);
if (!dir) throw new Error('usage: node search-bench.mjs PUBLIC_DIR [query ...]');
const queries = args.length ? args : ['cauda equina', 'lumbar decompresion', 'MSCC', 'back pain', 'sciatica', 'spinal infection', 'CES'];
const server = await serveSite(dir);
const browser = await launchBrowser();
const page = await browser.newPage();
let log = [];
page.on('response', async (r) => {
  const url = new URL(r.url());
  if (url.pathname.endsWith('/search/') || !url.pathname.includes('/search') && !url.pathname.endsWith('search.js')) return;
  const body = await r.body().catch(() => Buffer.alloc(0));
  log.push({ path: url.pathname, raw: body.length, gz: gzipSync(body).length });
});
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);

await page.goto(server.url + 'search/');
await page.waitForFunction(() => window.pathwaysSearchEngine);
for (const [i, q] of queries.entries()) {
  log = i === 0 ? log : [];
  const ms = await page.evaluate(async (q) => {
    const e = window.pathwaysSearchEngine;
    const t0 = performance.now();
    const r = await e.search(q, {});
    const t1 = performance.now();
    await Promise.all(r.results.slice(0, 10).map((m) => e.record(m.doc)));
    return { ms: performance.now() - t0, engine: t1 - t0, n: r.results.length };
  }, q);
  await new Promise((ok) => setTimeout(ok, 200)); // let response bodies land in the log
  const files = log.length;
  const js = log.filter((l) => l.path.endsWith('search.js'));
  const index = log.filter((l) => !l.path.endsWith('search.js'));
  console.log(`${i === 0 ? 'cold' : 'warm'} "${q}": ${ms.n} results in ${ms.ms.toFixed(1)} ms (ranking ${ms.engine.toFixed(1)} ms, then 10 records); ${files} files, ` +
    `index ${kb(sum(index, 'gz'))} gzipped (${kb(sum(index, 'raw'))} raw)` + (js.length ? ` + client ${kb(sum(js, 'gz'))} gzipped` : ''));
  if (process.env.VERBOSE) index.forEach((l) => console.log(`    ${l.path} ${kb(l.gz)}`));
}
await browser.close();
await server.close();
