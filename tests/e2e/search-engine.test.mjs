// The search client's engine (themes/default/static/search.js) run in Node against the index
// of the built example site: tokenising agrees with the Rust side, glossary expansion, typo
// tolerance, prefixes, ranking and filters. No browser needed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { ROOT, buildSite } from './lib.mjs';

/** Loads search.js as the browser would (a classic script) and returns its API. */
export function loadClient() {
  const code = readFileSync(join(ROOT, 'themes/default/static/search.js'), 'utf8');
  const ctx = { TextDecoder, URLSearchParams };
  vm.createContext(ctx);
  vm.runInContext(code, ctx);
  return ctx.PathwaysSearch;
}

/** An engine reading a built site's search files from disk. */
export function engineFor(S, site) {
  return new S.Engine(async (path, as) => {
    const bytes = readFileSync(join(site, 'search', path.split('?')[0]));
    return as === 'json' ? JSON.parse(bytes) : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  });
}

let S, site, engine;
before(() => {
  S = loadClient();
  site = buildSite();
  engine = engineFor(S, site);
});

async function urls(q, filters = {}) {
  const r = await engine.search(q, filters);
  return Promise.all(r.results.map(async (m) => (await engine.record(m.doc)).u));
}

test('tokenising in the client gives exactly the index vocabulary', async () => {
  await engine.ready;
  const vocab = new Set();
  for (const [, file] of engine.manifest.shards) {
    const b = readFileSync(join(site, 'search/s', file));
    S.decodeShard(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)).words.forEach(([w]) => vocab.add(w));
  }
  const seen = new Set();
  for (const f of readdirSync(join(site, 'search/d'))) {
    const r = JSON.parse(readFileSync(join(site, 'search/d', f)));
    const text = [r.t, r.m, ...r.x.flatMap((s) => [s[1], s[2]])].join('\n');
    S.tokenize(text, engine.stop).forEach((w) => seen.add(w));
  }
  assert.ok(vocab.size > 500, `vocabulary of ${vocab.size} words`);
  assert.deepEqual([...seen].filter((w) => !vocab.has(w)), [], 'client words missing from the index');
  assert.deepEqual([...vocab].filter((w) => !seen.has(w)), [], 'index words the client cannot produce');
});

test('tokenising rules', () => {
  const stop = new Set(['the', 'at']);
  assert.deepEqual([...S.tokenize('Suspected CES: scan at the A&E front-door, 24/7. Sjögren’s', stop)],
    ['suspected', 'ces', 'scan', 'front', 'door', '24', 'sjögren']);
});

test('one typo: insertion, deletion, substitution or swap', () => {
  assert.ok(S.withinOneEdit('decompresion', 'decompression'));
  assert.ok(S.withinOneEdit('lumbra', 'lumbar'));
  assert.ok(S.withinOneEdit('fuzion', 'fusion'));
  assert.ok(S.withinOneEdit('discectomyy', 'discectomy'));
  assert.ok(!S.withinOneEdit('decmpresion', 'decompression'));
  assert.ok(!S.withinOneEdit('lumbar', 'lumbago'));
});

test('an abbreviation finds the condition and the reverse', async () => {
  const ces = await urls('CES');
  const words = await urls('cauda equina syndrome');
  for (const u of ['national/suspected-cauda-equina-syndrome/', 'selk/suspected-cauda-equina-syndrome/', 'national/cauda-equina-syndrome-warning-signs/']) {
    assert.ok(ces.includes(u), `CES misses ${u}: ${ces}`);
    assert.ok(words.includes(u), `cauda equina syndrome misses ${u}: ${words}`);
  }
  const mscc = await urls('MSCC');
  // The national documents rank with the networks' adaptations of them, all among the first.
  for (const u of ['national/metastatic-spinal-cord-compression-warning-signs/', 'national/metastatic-spinal-cord-compression/']) {
    assert.ok(mscc.slice(0, 10).includes(u), `MSCC misses ${u} in its first ten: ${mscc}`);
  }
});

test('a synonym finds the condition: sciatica finds radicular pain', async () => {
  const r = await urls('sciatica');
  assert.equal(r[0], 'national/back-and-radicular-pain/');
});

test('a misspelt procedure still finds it, and says what it searched for', async () => {
  const r = await engine.search('lumbar decompresion ');
  assert.deepEqual([...r.corrected], ['decompression']);
  assert.equal((await engine.record(r.results[0].doc)).u, 'national/lumbar-decompression/');
  // Short words are not corrected: four letters is too little to guess from.
  assert.equal((await engine.search('fuzn ')).results.length, 0);
});

test('prefixes match while typing, not after a space', async () => {
  assert.equal((await urls('decomp'))[0], 'national/lumbar-decompression/');
  assert.deepEqual(await urls('decomp '), []);
});

test('title matches rank first, then heading matches, then the rest', async () => {
  const r = await engine.search('fusion');
  const tiers = [...r.results.map((m) => m.tier)];
  assert.deepEqual(tiers, [...tiers].sort((a, b) => b - a), 'tiers descend');
  const titles = await Promise.all(r.results.filter((m) => m.tier === 2).map(async (m) => (await engine.record(m.doc)).t));
  assert.ok(titles.length >= 2 && titles.every((t) => /fusion/i.test(t)), titles.join(' | '));
  assert.ok(r.results.some((m) => m.tier === 0), 'body-only matches come after');
  // Documents with a matching heading come before those matching only in their text.
  const flags = await engine.search('red flags');
  const heading = flags.results.filter((m) => m.tier === 1), body = flags.results.filter((m) => m.tier === 0);
  assert.ok(heading.length && body.length && flags.results[0].tier === 1, JSON.stringify(flags.results));
  assert.ok(flags.results.indexOf(body[0]) > flags.results.indexOf(heading[heading.length - 1]));
});

test('a patient query finds the leaflet', async () => {
  const r = await urls('back operation recovery', { audience: 'patients' });
  assert.ok(r.length > 0 && r.every((u) => u.startsWith('national/') || u.startsWith('selk/')));
  assert.ok(r.slice(0, 5).includes('national/lumbar-decompression/'), r.join(' '));
});

test('filters narrow results, and a network filter keeps national documents', async () => {
  const all = await urls('CES');
  const wessex = await urls('CES', { network: 'wessex' });
  const selk = await urls('CES', { network: 'selk' });
  const national = await urls('CES', { network: 'national' });
  assert.ok(wessex.length < all.length && !wessex.includes('selk/suspected-cauda-equina-syndrome/'));
  assert.ok(selk.includes('selk/suspected-cauda-equina-syndrome/') && selk.includes('national/suspected-cauda-equina-syndrome/'));
  assert.ok(national.every((u) => u.startsWith('national/')));
  const leaflets = await urls('CES', { kind: 'leaflet' });
  assert.deepEqual(leaflets, ['national/cauda-equina-syndrome-warning-signs/']);
  const r = await engine.search('CES', { network: 'wessex' });
  const selkOrNational = all.filter((u) => u.startsWith('selk/') || u.startsWith('national/')).length;
  assert.equal(r.counts.network.selk, selkOrNational, 'counts say what each network would show');
});

test('excerpts highlight matched words and land on the matching section', async () => {
  const r = await engine.search('red flags');
  const rec = await engine.record(r.results[0].doc);
  const ex = S.excerpt(rec, r.words, 200);
  assert.ok(ex.anchor, 'lands on a section');
  assert.match(ex.heading, /red flag/i);
  assert.ok(ex.headingPieces.some(([t, hit]) => hit && /flag/i.test(t)), JSON.stringify(ex.headingPieces));
  assert.notEqual(ex.pieces.map(([t]) => t).join(''), rec.m, 'shows the section, not the summary');
  const ces = await engine.search('CES');
  const top = S.excerpt(await engine.record(ces.results[0].doc), ces.words, 200);
  assert.equal(top.anchor, 'pathway', 'the section using most of the words: the flowchart text');
  assert.ok(top.pieces.some(([t, hit]) => hit && t === 'CES'), JSON.stringify(top.pieces));
});
