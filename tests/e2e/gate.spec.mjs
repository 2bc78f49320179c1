// The token gate end to end: links crafted so that a naive check sees a trusted host while
// the browser would send the token elsewhere. A listener on a second loopback address
// (127.0.0.2:4177, "the sink") records every request that reaches it and any token it carries.
import { test, expect, MOCK, PROXY, SINK, katapultUrl, loadWithToken } from './fixtures.mjs';
import { TOKEN } from '../mock/katapult.mjs';

// Refused connections and the refused redirect are logged by the browser itself.
test.use({ expectedConsole: /^Failed to load resource: |has been blocked by CORS policy|redirect/i });

// Tests run in parallel: each names its own repository and reads only the sink's requests
// for it (preflights included: the browser sends the path without the token).
const repo = (name) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
async function sinkSaw(request, repository) {
  const seen = await (await request.get(`${SINK}/__seen`)).json();
  return seen.filter((r) => decodeURIComponent(r.path).includes(repository));
}

const link = (endpoint, proxy, repository) =>
  `./?provider=katapult&endpoint=${encodeURIComponent(endpoint)}${proxy ? `&proxy=${encodeURIComponent(proxy)}` : ''}` +
  `&region=uk-lon-01&repository=${encodeURIComponent(repository)}`;

test('a proxy spelled to look allow-listed is judged by the host the browser would reach', async ({ page, request }) => {
  const name = repo('tiny');
  // A naive parser reads "127.0.0.1:4175" (allow-listed) after the "@"; the browser reads the
  // backslash as the end of the host and would connect to 127.0.0.2:4177.
  await page.goto(link(MOCK, 'http://127.0.0.2:4177\\@127.0.0.1:4175/', name));
  await loadWithToken(page, TOKEN);
  const dialog = page.getByRole('dialog', { name: 'Send your token to 127.0.0.2:4177?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await sinkSaw(request, name)).toEqual([]);
});

test('an allow-listed proxy does not vouch for a foreign endpoint: nothing reaches it until confirmed', async ({ page, request }) => {
  const name = repo('tiny');
  // 0x7f.0.0.2 is how a link can spell 127.0.0.2; the dialog names what the browser resolves.
  await page.goto(link('http://0x7f.0.0.2:4177', PROXY, name));
  await loadWithToken(page, TOKEN);
  const dialog = page.getByRole('dialog', { name: 'Send your token to 127.0.0.2:4177?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).not.toContainText('127.0.0.1:4175');
  expect(await sinkSaw(request, name)).toEqual([]);

  const confirmedAt = Date.now();
  await dialog.getByRole('button', { name: 'Send token to 127.0.0.2:4177' }).click();
  await expect(page.getByText('No artifacts in this repository.')).toBeVisible();
  const seen = await sinkSaw(request, name);
  expect(seen.length).toBeGreaterThan(0);
  // The token arrived through the proxy, and only after the person confirmed.
  expect(seen.every((r) => r.at >= confirmedAt && r.token === `Bearer ${TOKEN}`)).toBe(true);
});

test('a user name or password in an endpoint is refused with a clear message, and nothing is sent', async ({ page, request }) => {
  const name = repo('tiny');
  await page.goto(link('http://127.0.0.1:4174@127.0.0.2:4177', '', name));
  await loadWithToken(page, TOKEN);
  await expect(page.getByRole('alert')).toContainText('user name or password');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await sinkSaw(request, name)).toEqual([]);
});

test('a redirect from a trusted API is never followed with the token', async ({ page, request }) => {
  const name = `${repo('tiny')}~redirect=127.0.0.2:4177`;
  await page.goto(katapultUrl(name));
  await loadWithToken(page, TOKEN);
  await expect(page.getByRole('alert')).toContainText('redirect');
  // Not even a preflight: the browser stops at the redirect.
  expect(await sinkSaw(request, name)).toEqual([]);
});

test("this page's own origin is trusted only under the API paths config.json names", async ({ page }) => {
  // Another tenant of a shared static host lives on the same origin as Lading.
  await page.goto(link('http://127.0.0.1:4173/other-tenant/api', '', 'tiny'));
  await loadWithToken(page, TOKEN);
  await expect(page.getByRole('dialog', { name: 'Send your token to 127.0.0.1:4173?' })).toBeVisible();
});
