// SWR Enterprise Edition against the mock (tests/mock/swr.mjs), which sends no CORS headers:
// directly it is blocked, through a prefix proxy or the shipped nginx config it loads.
import { test, expect, grid, NETWORK_ERRORS, MOCK, PROXY, NGINX, swrUrl, loadWithToken, requestsFor } from './fixtures.mjs';
import { SWR_TOKEN, swrRepository } from '../mock/swr.mjs';

test.use({ expectedConsole: NETWORK_ERRORS });

const artifactsOf = (name, accessories = false) => new Set(swrRepository(name, accessories).map((t) => t.artifact_id)).size;
const WEB = artifactsOf('team/web');

test('a direct call is blocked by CORS and the advice says to set a proxy', async ({ page }) => {
  await page.goto(swrUrl('team/web'));
  await loadWithToken(page, SWR_TOKEN);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Blocked — probably by CORS');
  await expect(alert).toContainText('Set a CORS proxy');
});

test('through a prefix proxy the repository loads, grouped by artifact', async ({ page, request }) => {
  const repo = `team/web~p${Date.now()}`;
  await page.goto('./');
  await page.getByLabel('Provider').selectOption('swr');
  await page.getByLabel('Endpoint').fill(MOCK);
  await page.getByLabel('Instance id').fill('inst-1');
  await page.getByLabel('Namespace').fill('team');
  await page.getByLabel('Repository').fill(repo);
  await page.getByLabel('CORS proxy (optional)').fill(PROXY);
  await expect(page.getByLabel('Include accessories (signatures)')).not.toBeChecked();
  await loadWithToken(page, SWR_TOKEN);

  const g = grid(page);
  await expect(g.status).toHaveText(`Showing 1–25 of ${WEB} artifacts`);
  await expect(page).toHaveURL(/provider=swr&endpoint=http:\/\/127\.0\.0\.1:4174&proxy=http:\/\/127\.0\.0\.1:4175\/&instance=inst-1&namespace=team&repository=team\/web/);
  const log = await requestsFor(request, repo);
  expect(log.map((r) => r.rawRepositorySegment)).toContain(encodeURIComponent(encodeURIComponent(repo)));
  expect(log[0].rawRepositorySegment).toMatch(/^team%252Fweb/);
  expect(log.map((r) => `${r.offset}/${r.limit}/${r.is_accessory}`).sort()).toEqual(['0/100/false', '100/100/false']);

  // One row per artifact with all its tags; never-pulled shown as such; no platforms.
  const latest = g.rows.filter({ hasText: 'latest' });
  await expect(latest).toHaveCount(1);
  const tags = swrRepository('team/web');
  const latestId = tags.find((t) => t.name === 'latest').artifact_id;
  const expected = tags.filter((t) => t.artifact_id === latestId).map((t) => t.name).sort();
  expect(expected.length).toBeGreaterThan(1);
  await expect(latest.locator('li')).toHaveText(expected);
  await expect(g.table.getByText('never').first()).toBeVisible();
  await expect(page.getByRole('group', { name: 'Architecture', exact: true })).toContainText('Not reported by SWR');
});

test('accessories are listed only when asked for', async ({ page }) => {
  await page.goto(swrUrl('team/web', { proxy: PROXY, extra: '&accessories=true' }));
  await expect(page.getByLabel('Include accessories (signatures)')).toBeChecked();
  await loadWithToken(page, SWR_TOKEN);
  // Each signature follows cosign's tag scheme and its subject is listed: it is attached to
  // what it signs (a "signed" badge, listed in the details), not a row of its own.
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${artifactsOf('team/web')} artifacts`);
  await expect(grid(page).table.getByText('signed', { exact: true }).first()).toBeVisible();
  await page.getByLabel('Show signatures as rows').check();
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${artifactsOf('team/web', true)} artifacts`);
  await page.getByRole('searchbox', { name: 'Tag filter' }).fill('*.sig');
  await expect(grid(page).status).toHaveText(/^Showing 1–24 of 24 artifacts/);
});

test('through the shipped nginx config (same origin, no proxy setting) it loads', async ({ page }) => {
  await page.goto(`${NGINX}/tools/lading/${swrUrl('team/web', { endpoint: `${NGINX}/swr-api` }).slice(2)}`);
  await loadWithToken(page, SWR_TOKEN);
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${WEB} artifacts`);
});

test('the reference page\'s one-element array form loads', async ({ page }) => {
  await page.goto(swrUrl('arrayform', { proxy: PROXY }));
  await loadWithToken(page, SWR_TOKEN);
  await expect(grid(page).status).toHaveText(`Showing 1–3 of 3 artifacts`);
});

test('throttling (APIG.0308) is retried with backoff, then everything loads', async ({ page }) => {
  await page.goto(swrUrl(`team/web~throttle2~${Date.now()}`, { proxy: PROXY }));
  await loadWithToken(page, SWR_TOKEN);
  await expect(page.getByText(/retrying in \d+ s/)).toBeVisible();
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${WEB} artifacts`, { timeout: 15_000 });
});

const ERROR_CASES = [
  ['SVCSTG.SWR.4010000', { token: 'wrong-token' }, ['rejected', 'X-Subject-Token']],
  ['APIG.0301', { token: 'expired-token' }, ['invalid or has expired', 'POST https://iam.myhuaweicloud.com/v3/auth/tokens']],
  ['APIG.1002', { repo: 'team/web~error=APIG.1002' }, ['No IAM token was sent']],
  ['SVCSTG.SWR.4030170', { repo: 'team/web~error=SVCSTG.SWR.4030170' }, ['lacks the permissions', 'ENCODED-AUTHZ-4f2a9c', 'decode-authorization-message']],
  ['SVCSTG.SWR.4040010', { repo: 'team/nope' }, ['does not exist']],
  ['SVCSTG.SWR.4000014', { repo: 'team/web~error=SVCSTG.SWR.4000014' }, ['rejected a parameter']],
  ['SVCSTG.SWR.5000003', { repo: 'team/web~error=SVCSTG.SWR.5000003' }, ['failed to list the tags']],
];
for (const [code, { token = SWR_TOKEN, repo = 'team/web' }, texts] of ERROR_CASES) {
  test(`error ${code} is explained`, async ({ page }) => {
    await page.goto(swrUrl(repo, { proxy: PROXY }));
    await loadWithToken(page, token);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(code);
    for (const text of texts) await expect(alert).toContainText(text);
  });
}
