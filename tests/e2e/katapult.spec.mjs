// The Katapult provider against the contract-faithful mock (tests/mock/katapult.mjs).
import { test, expect, grid, NETWORK_ERRORS, MOCK, topLevelCount, requestsFor, katapultUrl, loadWithToken, COLUMN } from './fixtures.mjs';
import { generate, TOKEN } from '../mock/katapult.mjs';

test.use({ expectedConsole: NETWORK_ERRORS });

const WEB_ROWS = topLevelCount(generate('web', 450));
const TINY_ROWS = topLevelCount(generate('tiny', 12));
const unique = (name) => `${name}~t${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const fmt = (n) => n.toLocaleString('en-US');

test('a multi-page repository loads completely, then sorts and filters', async ({ page, request }) => {
  const repo = unique('web');
  await page.goto('./');
  await page.getByLabel('Provider').selectOption('katapult');
  await page.getByLabel('Endpoint').fill(MOCK);
  await page.getByLabel('Region id').fill('uk-lon-01');
  await page.getByLabel('Repository', { exact: true }).fill(repo);
  await loadWithToken(page, TOKEN);

  const g = grid(page);
  await expect(g.status).toHaveText(`Showing 1–25 of ${fmt(WEB_ROWS)} artifacts`);
  await expect(page).toHaveURL(/provider=katapult&endpoint=http:\/\/127\.0\.0\.1:4174&region=uk-lon-01&repository=web/);
  expect(page.url()).not.toContain(TOKEN);
  const log = await requestsFor(request, repo);
  expect(log.map((r) => r.per_page)).toEqual(['200', '200', '200']);
  expect(log.map((r) => r.page).sort()).toEqual(['1', '2', '3']);
  expect(log[0].rawQuery).toContain('region%5Bid%5D=uk-lon-01&repository%5Bname%5D=');

  // Multi-arch: index rows carry their children's platforms, attestations left out.
  await page.getByRole('searchbox', { name: 'Tag filter' }).fill('v1.0.0');
  await expect(g.rows).toHaveCount(1);
  const index = g.rows.first();
  await expect(index.getByRole('cell').nth(COLUMN.platform)).toContainText('linux/amd64');
  await expect(index.getByRole('cell').nth(COLUMN.platform)).toContainText('linux/arm64');
  await expect(index.getByRole('cell').nth(COLUMN.platform)).not.toContainText('unknown');
  await expect(index.getByRole('cell').nth(COLUMN.size)).toHaveText('93.5 MiB'); // 50 MB + 48 MB + 4 kB
  await index.getByRole('button', { name: '3 manifests' }).click();
  await expect(g.table.locator('tr.child')).toHaveCount(3);
  await expect(g.table.locator('tr.child').filter({ hasText: 'attestation' })).toHaveCount(1);

  await page.getByRole('searchbox', { name: 'Tag filter' }).fill('');
  await page.getByRole('checkbox', { name: 's390x' }).check();
  await expect(g.status).toContainText(`(filtered from ${fmt(WEB_ROWS)})`);
  await g.sortButton('Size').click();
  await expect(g.header('Size')).toHaveAttribute('aria-sort', 'ascending');
  for (const p of await g.rows.evaluateAll((trs, c) => trs.map((tr) => tr.cells[c].innerText), COLUMN.platform)) {
    expect(p).toContain('s390x');
  }
  // The architecture filter offers what the data has, attestations excluded.
  await expect(page.getByRole('group', { name: 'Architecture', exact: true }).getByRole('checkbox')).toHaveCount(4);
});

test('a shared link asks only for the token, then shows the exact view; reload re-uses it', async ({ page }) => {
  const link = katapultUrl('web', '&sort=size&order=asc&page=2&per_page=10&arch=amd64');
  await page.goto(link);
  await expect(page.getByLabel('Region id')).toHaveValue('uk-lon-01');
  await expect(page.getByLabel('Repository', { exact: true })).toHaveValue('web');
  await expect(page.getByText('Enter your API token and press Load')).toBeVisible();
  await loadWithToken(page, TOKEN);
  const g = grid(page);
  await expect(g.status).toHaveText(/^Showing 11–20 of [\d,]+ artifacts \(filtered from/);
  await expect(g.header('Size')).toHaveAttribute('aria-sort', 'ascending');
  expect(page.url()).toContain('sort=size&order=asc&page=2&per_page=10');
  const digests = () => g.rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('code').title));
  const before = await digests();

  await page.reload();
  await expect(g.status).toHaveText(/^Showing 11–20 of/);
  expect(await digests()).toEqual(before);

  // The token is in this tab's sessionStorage only: not the URL, not localStorage.
  const stores = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  expect(stores.local).not.toContain(TOKEN);
  expect(stores.session).toContain(TOKEN);
  expect(page.url()).not.toContain(TOKEN);
});

test('an empty repository says so', async ({ page }) => {
  await page.goto(katapultUrl('empty'));
  await loadWithToken(page, TOKEN);
  await expect(grid(page).rows).toHaveText(['No artifacts in this repository.']);
  await expect(grid(page).status).toHaveText('No artifacts to show');
});

test('large_set: pages are requested in order until a short one', async ({ page, request }) => {
  const repo = unique('largeset');
  await page.goto(katapultUrl(repo));
  await loadWithToken(page, TOKEN);
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${fmt(topLevelCount(generate('largeset', 450)))} artifacts`);
  const log = await requestsFor(request, repo);
  expect(log.map((r) => r.page)).toEqual(['1', '2', '3']);
});

test('429 then success: the user sees the retry, then everything loads', async ({ page }) => {
  await page.goto(katapultUrl(unique('web~429x2')));
  await loadWithToken(page, TOKEN);
  await expect(page.getByText(/retrying in \d+ s/)).toBeVisible();
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${fmt(WEB_ROWS)} artifacts`, { timeout: 15_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('503 every time: a clear error, and the pages already loaded stay', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(katapultUrl(unique('web~503x99')));
  await loadWithToken(page, TOKEN);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('temporarily unavailable', { timeout: 45_000 });
  await expect(alert).toContainText('service_unavailable');
  await expect(grid(page).rows).not.toHaveCount(0);
  await expect(grid(page).status).toHaveText(/^Showing 1–25 of/);
});

test('a per_page the endpoint rejects falls back to a smaller page size', async ({ page, request }) => {
  const repo = unique('web~maxpp100');
  await page.goto(katapultUrl(repo));
  await loadWithToken(page, TOKEN);
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${fmt(WEB_ROWS)} artifacts`);
  const log = await requestsFor(request, repo);
  expect(log[0].per_page).toBe('200');
  expect(log.slice(1).every((r) => r.per_page === '100')).toBe(true);
  expect(log.length).toBe(1 + 5);
  expect(await page.evaluate(() => localStorage.getItem(`lading.katapult.per_page.http://127.0.0.1:4174`))).toBe('100');
});

// The page is drawn in a few tasks and shown by the app (the stylesheet's 2 s fallback keeps
// the class): at once when it waits for a token, and as a first listing over the network
// starts, with its progress.
test('the page shows while it waits for a token and while the first listing loads', async ({ page }) => {
  const shownByTheApp = async () => expect(await page.locator('.app').getAttribute('class')).toBe('app');
  await page.goto(katapultUrl(unique('web')));
  await expect(page.getByLabel('API token')).toBeVisible();
  await shownByTheApp();
  // A token in this tab already: the load starts with the page.
  await page.evaluate(([token, endpoint]) => sessionStorage.setItem(`lading.token.katapult.${endpoint}`, token), [TOKEN, MOCK]);
  await page.goto(katapultUrl(unique('web~slow700')));
  await expect(page.getByRole('progressbar', { name: 'Loading artifacts' })).toBeVisible();
  await shownByTheApp();
  await expect(grid(page).status).toHaveText(/^Showing 1–25 of [\d,]+ artifacts$/);
});

test('changing repository mid-load shows only the new one', async ({ page }) => {
  await page.goto(katapultUrl(unique('web~slow700')));
  await loadWithToken(page, TOKEN);
  await expect(page.getByRole('progressbar', { name: 'Loading artifacts' })).toBeVisible();
  // Progress is announced politely, without taking focus from the form.
  await expect(page.locator('.progress [aria-live="polite"]')).toContainText(/Loading… \d+ of \d+ pages/);
  await expect(page.getByRole('button', { name: 'Load' })).toBeFocused();
  await page.getByLabel('Repository', { exact: true }).fill('tiny');
  await page.getByRole('button', { name: 'Load' }).click();
  const g = grid(page);
  await expect(g.status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
  await page.waitForTimeout(1_500); // the slow pages of the old load would have arrived by now
  await expect(g.status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
  await expect(g.rows.filter({ hasText: 'v1.0.0' })).toHaveCount(1);
});

test('hostile tags render as text and never run', async ({ page }) => {
  await page.goto(katapultUrl('hostile'));
  await loadWithToken(page, TOKEN);
  const g = grid(page);
  await expect(g.rows).toHaveCount(2);
  await expect(g.table.getByText('<img src=x onerror="window.__pwned=1">')).toBeVisible();
  await expect(g.table.getByText('<script>window.__pwned=2</script>')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: '<b>arch</b>' })).toBeVisible();
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator('table img, table script, table svg, fieldset b')).toHaveCount(0);
});

test('one malformed record is skipped and reported, its page kept', async ({ page }) => {
  await page.goto(katapultUrl('malformed'));
  await loadWithToken(page, TOKEN);
  await expect(grid(page).status).toContainText('1 record could not be read and was skipped');
  await expect(grid(page).rows).not.toHaveCount(0);
});

const ERROR_CASES = [
  ['missing_api_token', 'No API token was sent'],
  ['invalid_api_token', 'not valid'],
  ['unauthorized_network_for_api_token', '203.0.113.77'],
  ['invalid_capabilities_token', 'capabilities token'],
  ['scope_not_granted', 'container_registry:read'],
  ['permission_denied', 'Not a member of this organization'],
  ['container_registry_region_not_found', 'region'],
  ['repository_not_found', 'No repository matches'],
  ['invalid_argument', 'rejected an argument'],
  ['missing_required_argument', 'lacks an argument'],
  ['route_not_found', 'Check the Endpoint'],
];
for (const [code, text] of ERROR_CASES) {
  test(`error ${code} is explained`, async ({ page }) => {
    await page.goto(katapultUrl(`web~error=${code}`));
    await loadWithToken(page, TOKEN);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(text);
    await expect(alert).toContainText(code);
  });
}

test('a wrong token, a non-JSON page and an unreachable endpoint are explained', async ({ page }) => {
  await page.goto(katapultUrl('web'));
  await loadWithToken(page, 'not-the-token');
  await expect(page.getByRole('alert')).toContainText('The API token is not valid');

  await page.goto(katapultUrl(unique('web~badjson')));
  await loadWithToken(page, TOKEN);
  await expect(page.getByRole('alert')).toContainText('not the expected JSON');
  await expect(page.getByRole('alert')).toContainText('502 Bad Gateway');

  await page.goto(`./?provider=katapult&endpoint=${encodeURIComponent('http://127.0.0.1:4179')}&region=uk-lon-01&repository=web`);
  await loadWithToken(page, TOKEN);
  await page.getByRole('dialog').getByRole('button', { name: 'Send token to 127.0.0.1:4179' }).click();
  await expect(page.getByRole('alert')).toContainText('probably by CORS');
  await expect(page.getByRole('alert')).toContainText('CORS proxy');
});

test('Forget token removes it from the tab', async ({ page }) => {
  await page.goto(katapultUrl('tiny'));
  await loadWithToken(page, TOKEN);
  await expect(grid(page).status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
  await page.getByRole('button', { name: 'Forget token' }).click();
  await expect(page.getByText('Enter your API token and press Load')).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(TOKEN);
});
