// Shared helpers for the browser tests: build the bundled example site once, serve it on a
// free loopback port, and launch Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const TODAY = '2026-11-23';

/** Path of the pathways binary (honouring CARGO_TARGET_DIR), built by `cargo test` or a release build. */
export function binary() {
  const target = process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target');
  for (const p of ['debug/pathways', 'release/pathways']) {
    const full = join(target, p);
    if (existsSync(full)) return full;
  }
  execFileSync('cargo', ['build', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  return join(target, 'debug/pathways');
}

/** A fresh folder under the system's temporary folder, removed when the test file's process ends. */
export function temporaryFolder(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Builds `content` (default: the bundled example) into a fresh temporary folder. */
export function buildSite(args = [], content = join(ROOT, 'content')) {
  const out = join(temporaryFolder('pathways-e2e-'), 'public');
  execFileSync(binary(), ['build', '--content', content, '--out', out, ...args], {
    env: { ...process.env, PATHWAYS_TODAY: TODAY },
    // Warnings (placeholders in the example profiles) would drown the test report; a failed
    // build's error carries its stderr.
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.mjs': 'text/javascript', '.json': 'application/json', '.xml': 'application/xml',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain', '.bin': 'application/octet-stream',
};

/** Serves `dir` like a plain static host, optionally under a path prefix such as `/sub/`. */
export async function serveSite(dir, prefix = '/') {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404); return res.end(); }
    path = normalize(path.slice(prefix.length));
    let file = join(dir, path);
    if (!file.startsWith(dir + sep) && file !== dir) { res.writeHead(403); return res.end(); }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      return res.end(readFileSync(join(dir, '404.html')));
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

/** True when Chromium can run here. In CI (CI=true) a missing browser is a failure. */
export function chromiumAvailable() {
  if (existsSync(CHROMIUM)) return true;
  const msg = `Chromium not found at ${CHROMIUM}: browser tests cannot run (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.error(`\n*** WARNING: ${msg} ***\n`);
  return false;
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    chromiumSandbox: false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Every HTML page of a built site, as paths relative to its root. */
export function htmlPages(dir) {
  const out = [];
  const walk = (d, rel) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full, rel + name + '/');
      else if (name.endsWith('.html')) out.push(rel + name);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Builds the base test fixture with drafts, so pages in every state (draft, consultation,
 * withdrawn, overdue) can be checked alongside the bundled content. */
export function buildFixtureWithDrafts() {
  return buildSite(['--drafts'], join(ROOT, 'tests/fixtures/base'));
}

/** Every HTML page of a built site with the classes of its `<body>`, so tests can pick
 * document pages (`doc`), leaflets (`leaflet`) and so on: `[{ path, classes }]`. */
export function pagesWithClasses(dir) {
  return htmlPages(dir).map((path) => {
    const html = readFileSync(join(dir, path), 'utf8');
    const m = html.match(/<body[^>]*\sclass=(?:"([^"]*)"|([^\s>]*))/);
    return { path, classes: (m ? m[1] ?? m[2] : '').split(/\s+/).filter(Boolean) };
  });
}

/** The WCAG 2.2 A and AA rule tags of axe-core: the standard the site is held to. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core in `page` (already loaded) and returns its violations, one line per node. */
export async function axeViolations(page) {
  const axePath = join(ROOT, 'tests/e2e/node_modules/axe-core/axe.min.js');
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ content: readFileSync(axePath, 'utf8') });
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}`));
  }, WCAG_TAGS);
}

/** How the focused element looks: whether it carries a visible outline or box shadow, and
 * whether it is on screen. */
export async function focusAppearance(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const look = () => {
      const s = getComputedStyle(el);
      return {
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
          && s.outlineColor !== 'rgba(0, 0, 0, 0)' && s.outlineColor !== 'transparent',
        shadow: s.boxShadow !== 'none',
        style: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow} | ${s.backgroundColor}`,
      };
    };
    const focused = look();
    const r = el.getBoundingClientRect();
    const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth;
    el.blur();
    const blurred = look();
    el.focus({ focusVisible: true });
    return {
      tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: el.textContent.trim().slice(0, 60),
      visible: (focused.outline || focused.shadow) && focused.style !== blurred.style,
      onScreen, focused: focused.style, blurred: blurred.style,
    };
  });
}
