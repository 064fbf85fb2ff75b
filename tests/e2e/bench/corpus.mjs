// Writes a benchmark corpus: N documents of about 700 words (default 10,000) across the 14
// networks and national, with the example site's networks, glossary and clinical vocabulary.
// Usage: node corpus.mjs OUT_DIR [N]. Deterministic: the same N gives the same files.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib.mjs';

const [out, n = '10000'] = process.argv.slice(2);
if (!out) throw new Error('usage: node corpus.mjs OUT_DIR [N]');
const N = Number(n);
const content = join(ROOT, 'content');

// A small, seeded generator so the corpus is the same every time.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rand() * a.length)];

mkdirSync(out, { recursive: true });
for (const f of ['site.yaml', 'glossary.yaml']) cpSync(join(content, f), join(out, f));
const networks = readdirSync(join(content, 'networks'));
for (const id of networks) {
  mkdirSync(join(out, 'networks', id), { recursive: true });
  cpSync(join(content, 'networks', id, 'network.yaml'), join(out, 'networks', id, 'network.yaml'));
}
mkdirSync(join(out, 'national'), { recursive: true });

// Vocabulary: every word of the bundled documents (real clinical language, by frequency),
// plus made-up rarer words so the corpus has a realistic long tail.
const text = [];
const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => {
  if (e.isDirectory()) walk(join(d, e.name)); else if (e.name.endsWith('.md')) text.push(readFileSync(join(d, e.name), 'utf8').split('\n---\n').slice(1).join(' '));
});
walk(content);
const words = text.join(' ').toLowerCase().match(/[a-z]{2,}/g);
const syll = ['ab', 'cor', 'di', 'ex', 'fa', 'gen', 'hy', 'in', 'lo', 'mar', 'neu', 'os', 'pro', 'ra', 'spon', 'tri', 'ul', 'ver', 'xo', 'zy'];
const rare = Array.from({ length: 30000 }, (_, i) => pick(syll) + pick(syll) + pick(syll) + (i % 7 === 0 ? 'osis' : i % 5 === 0 ? 'ectomy' : ''));
const word = () => (rand() < 0.93 ? pick(words) : rare[Math.floor(Math.pow(rand(), 2) * rare.length)]);
const sentence = (k) => { const w = Array.from({ length: k }, word); w[0] = w[0][0].toUpperCase() + w[0].slice(1); return w.join(' ') + '.'; };

const glossary = readFileSync(join(content, 'glossary.yaml'), 'utf8');
const conditions = [...glossary.matchAll(/- id: ([a-z-]+)/g)].map((m) => m[1]);
const kinds = ['pathway', 'sop', 'transfer-policy', 'repatriation-policy', 'transition-protocol', 'standard', 'leaflet'];
const headings = ['Purpose', 'Scope', 'Red flags', 'Assessment', 'Imaging', 'Referral', 'Treatment', 'Recovery and timescales', 'Responsibilities', 'Audit', 'References'];

for (let i = 0; i < N; i++) {
  const scope = rand() < 0.2 ? 'national' : join('networks', pick(networks));
  const kind = pick(kinds);
  const conds = [pick(conditions)].concat(rand() < 0.3 ? [pick(conditions)] : []).filter((c, j, a) => a.indexOf(c) === j);
  const title = `${sentence(4).slice(0, -1)} ${kind.replace('-', ' ')} ${i}`;
  let body = '';
  let count = 0;
  for (const h of headings.filter(() => rand() < 0.7)) {
    body += `\n## ${h}\n\n`;
    while (count < 700 * (headings.indexOf(h) + 1) / headings.length) {
      const s = sentence(8 + Math.floor(rand() * 12));
      body += s + ' ';
      count += s.split(' ').length;
      if (rand() < 0.25) body += '\n\n';
    }
  }
  const fm = ['---', `title: "${title}"`, `kind: ${kind}`, `summary: "${sentence(14)}"`, 'version: "1.0"', 'status: approved',
    'approved: 2026-03-01', 'approved_by: Benchmark board', 'review: 2027-09-01', 'owner: Benchmark owner',
    `audience: ${kind === 'leaflet' ? 'patients' : 'clinicians'}`, `conditions: [${conds.join(', ')}]`, '---', ''].join('\n');
  const dir = join(out, scope, kind);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `doc-${i}.md`), fm + body + '\n');
}
console.log(`wrote ${N} documents to ${out}`);
