// Smoke test of the README's first command: `trunk serve --release`, as `make run` starts it,
// builds the app through every post-build step and serves it, and the demo's rows appear in
// headless Chromium with no console error (a wrong integrity hash or CSP would log one).
//   node tests/serve/smoke.mjs        (`make test-serve`, after scripts/release-env.sh)
// Serves on 127.0.0.1:4185 into target/serve-dist, so dist/ and port 8080 stay untouched.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PORT = 4185;
const URL_ = `http://127.0.0.1:${PORT}/`;
// The release is usually built already (`make test-e2e`); a cold build takes minutes.
const BUILD_WAIT = 15 * 60_000;

// A build that fails must not leave an earlier one to be served.
rmSync(new URL('target/serve-dist', new URL(`file://${ROOT}`)), { recursive: true, force: true });
const trunk = spawn('trunk', ['serve', '--release', '--port', String(PORT), '--dist', 'target/serve-dist'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
trunk.stdout.on('data', (d) => (log += d));
trunk.stderr.on('data', (d) => (log += d));
let browser;
after(async () => {
  await browser?.close();
  trunk.kill();
});

test('trunk serve --release builds and serves the app: the demo rows show, no console error', async () => {
  let page = '';
  for (const deadline = Date.now() + BUILD_WAIT; Date.now() < deadline && !page.includes('Content-Security-Policy'); ) {
    assert.equal(trunk.exitCode, null, `trunk serve exited: ${log}`);
    assert.doesNotMatch(log, /error from build pipeline/, log);
    page = await fetch(URL_).then((r) => (r.ok ? r.text() : ''), () => '');
    if (!page.includes('Content-Security-Policy')) await new Promise((r) => setTimeout(r, 1000));
  }
  assert.match(page, /Content-Security-Policy/, `no built page at ${URL_}: ${log}`);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const tab = await browser.newPage();
  const problems = [];
  tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  tab.on('pageerror', (e) => problems.push(e.message));
  await tab.goto(URL_);
  const status = tab.getByRole('table', { name: 'Artifacts' }).getByRole('status');
  await status.filter({ hasText: /^Showing 1–25 of \d+ artifacts/ }).waitFor({ timeout: 30_000 });
  assert.equal(await tab.getByRole('table', { name: 'Artifacts' }).locator('tbody tr.artifact').count(), 25);
  assert.deepEqual(problems, []);
});
