// Weight and scripts: a document page, HTML (without inline SVG drawings, which are images)
// plus every stylesheet it loads, stays under 50 KB uncompressed, and no page ships JavaScript
// except search's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, buildFixtureWithDrafts, htmlPages, pagesWithClasses } from './lib.mjs';

const LIMIT = 50 * 1000;
const site = buildSite();

/** Stylesheets a page loads, as paths below the site root (the bundled site lives at `/`). */
function stylesheets(html) {
  return [...html.matchAll(/<link\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /\brel=("?)stylesheet\1/.test(tag))
    .map((tag) => tag.match(/\bhref=(?:"([^"]*)"|([^\s>]*))/))
    .map((m) => (m[1] ?? m[2]).replace(/^\//, ''));
}

function weight(dir, path) {
  const html = readFileSync(join(dir, path), 'utf8');
  const css = stylesheets(html);
  assert.ok(css.length > 0, `${path} loads no stylesheet`);
  // An inline SVG drawing (a flowchart) is an image: it is counted as images are, not here.
  const drawings = [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].reduce((n, m) => n + Buffer.byteLength(m[0]), 0);
  return css.reduce((sum, p) => sum + statSync(join(dir, p)).size, Buffer.byteLength(html) - drawings);
}

for (const [name, dir] of [['bundled content', site], ['fixture with drafts', buildFixtureWithDrafts()]]) {
  test(`every document page of the ${name} weighs under 50 KB with its CSS`, () => {
    // Comparison and variation pages show two or more documents at once: they are not one
    // document's page, and are left out of its budget.
    const docs = pagesWithClasses(dir)
      .filter((p) => p.classes.includes('doc'))
      .filter((p) => !/\/(compare|variation)\//.test(p.path));
    assert.ok(docs.length > 0, 'no document pages found');
    const weights = docs.map((p) => ({ path: p.path, bytes: weight(dir, p.path) }))
      .sort((a, b) => b.bytes - a.bytes);
    const heaviest = weights[0];
    console.log(`heaviest document page of the ${name}: ${heaviest.path}, ${heaviest.bytes} bytes (HTML + CSS), ${docs.length} pages`);
    const over = weights.filter((w) => w.bytes >= LIMIT);
    assert.deepEqual(over, [], 'pages at or over 50 KB');
  });
}

test('no page ships JavaScript, except search', () => {
  const withScript = htmlPages(site)
    .filter((p) => !p.startsWith('search/'))
    .flatMap((p) => {
      const html = readFileSync(join(site, p), 'utf8');
      return [...html.matchAll(/<script\b[^>]*>/gi)]
        .filter((m) => !/\bsrc=("?)[^"\s>]*\/search\/[^"\s>]*\1/.test(m[0]))
        .map((m) => `${p}: ${m[0]}`);
    });
  assert.deepEqual(withScript, []);
  const inline = htmlPages(site).filter((p) => /<[^>]*\son[a-z]+=/i.test(readFileSync(join(site, p), 'utf8')));
  assert.deepEqual(inline, [], 'pages with inline event handlers');
});
