// Shared test set-up: every page fails its test on a console error or an uncaught exception,
// and on any console message that contains a test token.
import { test as base, expect } from '@playwright/test';
import { TOKEN as KATAPULT_TOKEN } from '../mock/katapult.mjs';
import { SWR_TOKEN } from '../mock/swr.mjs';

const SECRETS = [KATAPULT_TOKEN, SWR_TOKEN];

export const test = base.extend({
  /** Console errors a test provokes on purpose: the browser's own line for a failed HTTP request. */
  expectedConsole: [null, { option: true }],
  /** A CSP violation a test provokes on purpose ("directive blockedURI"). */
  expectedCsp: [null, { option: true }],
  page: async ({ page, expectedConsole, expectedCsp }, use) => {
    const problems = [];
    // Content-Security-Policy violations fail the test too.
    await page.exposeFunction('__cspViolation', (v) => expectedCsp?.test(v) || problems.push(`CSP violation: ${v}`));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`)),
    );
    page.on('console', (msg) => {
      const text = msg.text();
      if (SECRETS.some((s) => text.includes(s))) problems.push(`a token reached the console: ${text}`);
      if (msg.type() === 'error' && !expectedConsole?.test(text)) problems.push(`console.error: ${text}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

/** The browser logs every HTTP error response and refused connection by itself. */
export const NETWORK_ERRORS = /^Failed to load resource: |has been blocked by CORS policy/;
export { expect };

/** The grid, found the way a person finds it. */
export function grid(page) {
  const table = page.getByRole('table', { name: 'Artifacts' });
  return {
    table,
    rows: table.locator('tbody').getByRole('row'),
    header: (name) => table.getByRole('columnheader', { name }),
    sortButton: (name) => table.getByRole('button', { name, exact: true }),
    status: page.getByRole('status'),
  };
}

/** "245.3 MiB" → bytes (approximately: enough to compare order). */
export function parseSize(text) {
  const m = /([\d.]+)\s*(B|KiB|MiB|GiB|TiB)/.exec(text);
  if (!m) return null;
  const unit = { B: 0, KiB: 1, MiB: 2, GiB: 3, TiB: 4 }[m[2]];
  return parseFloat(m[1]) * 1024 ** unit;
}

/** Column index (0-based) of a header in the grid. */
export const COLUMN = { tags: 0, digest: 1, platform: 2, size: 3, pushed: 4, pulled: 5, media: 6 };

export const MOCK = 'http://127.0.0.1:4174';

/** Top-level rows a mock repository shows (children nest under their index). */
export function topLevelCount(artifacts) {
  const children = new Set(artifacts.flatMap((a) => a.child_ids));
  return artifacts.filter((a) => !children.has(a.id)).length;
}

/** The mock's log of API requests for one repository name (faults included). */
export async function requestsFor(request, repository) {
  const log = await (await request.get(`${MOCK}/__requests`)).json();
  return log.filter((r) => r.repository === repository);
}

/** A link to a Katapult repository on the mock. */
export function katapultUrl(repository, extra = '') {
  return `./?provider=katapult&endpoint=${encodeURIComponent(MOCK)}&region=uk-lon-01&repository=${encodeURIComponent(repository)}${extra}`;
}

/** Types the token and presses Load, as a person would. */
export async function loadWithToken(page, token) {
  await page.getByLabel(/token/i).fill(token);
  await page.getByRole('button', { name: 'Load' }).click();
}

export const PROXY = 'http://127.0.0.1:4175/';
export const NGINX = 'http://127.0.0.1:4176';

/** A link to an SWR repository on the mock (instance inst-1, namespace team). */
export function swrUrl(repository, { endpoint = MOCK, proxy = '', extra = '' } = {}) {
  const p = proxy ? `&proxy=${encodeURIComponent(proxy)}` : '';
  return `./?provider=swr&endpoint=${encodeURIComponent(endpoint)}${p}&instance=inst-1&namespace=team&repository=${encodeURIComponent(repository)}${extra}`;
}

/** A host nobody confirmed, on a second loopback address (tests/mock/sink.mjs). */
export const SINK = 'http://127.0.0.2:4177';
