// Valid HTML: the W3C Nu HTML Checker (npm vnu-jar, run with the machine's Java) reports no
// error on any page of the bundled content, nor on pages in every document state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, buildSite, buildFixtureWithDrafts, htmlPages, temporaryFolder } from './lib.mjs';

const VNU = join(ROOT, 'tests/e2e/node_modules/vnu-jar/build/dist/vnu.jar');

function javaAvailable() {
  if (spawnSync('java', ['-version']).status === 0) return true;
  const msg = 'java not found: the HTML validity tests cannot run (apt-get install default-jre-headless)';
  if (process.env.CI === 'true') throw new Error(msg);
  console.error(`\n*** WARNING: ${msg} ***\n`);
  return false;
}

/** Runs the checker once over `files`; returns its errors as `file:line:col: message`. */
function vnuErrors(files) {
  // --verbose lists each file checked on stdout: the checker skips a missing file silently,
  // so the list proves every page was read.
  const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--verbose', '--format', 'json', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.deepEqual(run.stdout.trim().split('\n').sort(), [...files].sort(), 'not every file was checked');
  const report = JSON.parse(run.stderr);
  return report.messages.map((m) => `${m.url.replace(/^file:/, '')}:${m.lastLine}:${m.firstColumn ?? m.lastColumn}: ${m.message}`);
}

const skip = !javaAvailable() && 'no Java';

test('the checker reports invalid HTML', { skip }, () => {
  const bad = join(temporaryFolder('pathways-vnu-'), 'bad.html');
  writeFileSync(bad, '<!DOCTYPE html><html lang=en><title>x</title><p><div>x</p>');
  const errors = vnuErrors([bad]);
  assert.ok(errors.some((e) => e.includes('No “p” element in scope')), errors.join('\n'));
});

test('every page of the bundled content is valid HTML', { skip }, () => {
  const dir = buildSite();
  const files = htmlPages(dir).map((p) => join(dir, p));
  assert.ok(files.length > 20, `only ${files.length} pages built`);
  const errors = vnuErrors(files);
  assert.deepEqual(errors, [], `${errors.length} errors:\n${errors.join('\n')}`);
});

test('pages in every document state are valid HTML', { skip }, () => {
  const dir = buildFixtureWithDrafts();
  const errors = vnuErrors(htmlPages(dir).map((p) => join(dir, p)));
  assert.deepEqual(errors, [], `${errors.length} errors:\n${errors.join('\n')}`);
});
