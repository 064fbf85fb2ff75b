// Shared helpers for the browser tests: build the bundled example site once, serve it on a
// free loopback port, and launch Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const TODAY = '2026-11-23';

/** Path of the pathways binary, built by `cargo test` (debug) or a release build. */
export function binary() {
  for (const p of ['target/debug/pathways', 'target/release/pathways']) {
    const full = join(ROOT, p);
    if (existsSync(full)) return full;
  }
  execFileSync('cargo', ['build', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  return join(ROOT, 'target/debug/pathways');
}

/** Builds `content` (default: the bundled example) into a fresh temporary folder. */
export function buildSite(args = [], content = join(ROOT, 'content')) {
  const out = join(mkdtempSync(join(tmpdir(), 'pathways-e2e-')), 'public');
  execFileSync(binary(), ['build', '--content', content, '--out', out, ...args], {
    env: { ...process.env, PATHWAYS_TODAY: TODAY },
    stdio: ['ignore', 'ignore', 'inherit'],
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
