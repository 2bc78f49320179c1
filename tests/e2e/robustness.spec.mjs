// Robustness against servers that misbehave: a pagination total that lies, and an
// auto-refresh that fails once. Mock faults: `~liar` and `~fail-after1` (tests/mock/).
import { test, expect, grid, NETWORK_ERRORS, PROXY, topLevelCount, requestsFor, katapultUrl, swrUrl, loadWithToken } from './fixtures.mjs';
import { generate, TOKEN } from '../mock/katapult.mjs';
import { SWR_TOKEN, swrRepository } from '../mock/swr.mjs';

test.use({ expectedConsole: NETWORK_ERRORS });

const unique = (name) => `${name}~t${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const fmt = (n) => n.toLocaleString('en-US');
/** Requests the app keeps in flight at once. */
const CONCURRENCY = 4;

test('Katapult: a total of a million pages over three pages of data ends at the empty page', async ({ page, request }) => {
  const repo = unique('gen-600~liar');
  const rows = topLevelCount(generate('gen-600', 600));
  await page.goto(katapultUrl(repo));
  await loadWithToken(page, TOKEN);
  const g = grid(page);
  await expect(g.status).toHaveText(`Showing 1–25 of ${fmt(rows)} artifacts`);
  // A second later, only a handful of pages were asked for, and nothing more is.
  await page.waitForTimeout(1_000);
  const log = await requestsFor(request, repo);
  expect(log.length, `pages requested: ${log.map((r) => r.page)}`).toBeLessThanOrEqual(3 + CONCURRENCY);
  expect(log.map((r) => Number(r.page)).sort((a, b) => a - b).slice(0, 4)).toEqual([1, 2, 3, 4]);
  await expect(
    page.getByText('The server announced 1,000,000 pages but the listing ended after 3: showing the 600 records received.'),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(g.status).toHaveText(`Showing 1–25 of ${fmt(rows)} artifacts`);
  await page.waitForTimeout(500);
  expect((await requestsFor(request, repo)).length).toBe(log.length);
});

test('Katapult: an honest total still takes exactly one request per page, and no note', async ({ page, request }) => {
  const repo = unique('gen-2000');
  await page.goto(katapultUrl(repo));
  await loadWithToken(page, TOKEN);
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${fmt(topLevelCount(generate('gen-2000', 2000)))} artifacts`);
  await expect(page.getByRole('progressbar', { name: 'Loading artifacts' })).toHaveCount(0);
  const log = await requestsFor(request, repo);
  expect(log.map((r) => Number(r.page)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  await expect(page.getByText(/The server announced/)).toHaveCount(0);
});

test('SWR: a total of 100,000,000 tags over two pages of data ends at the short page', async ({ page, request }) => {
  const repo = unique('team/web~liar');
  const tags = swrRepository('team/web', false);
  const artifacts = new Set(tags.map((t) => t.artifact_id)).size;
  // SWR sends no CORS headers: through the test's prefix proxy.
  await page.goto(swrUrl(repo, { proxy: PROXY }));
  await loadWithToken(page, SWR_TOKEN);
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${fmt(artifacts)} artifacts`);
  await page.waitForTimeout(1_000);
  const log = await requestsFor(request, repo);
  expect(log.length, `offsets requested: ${log.map((r) => r.offset)}`).toBeLessThanOrEqual(2 + CONCURRENCY);
  await expect(
    page.getByText(
      `The server announced 1,000,000 pages but the listing ended after 2: showing the ${fmt(tags.length)} records received.`,
    ),
  ).toBeVisible();
  await expect(grid(page).status).toHaveText(`Showing 1–25 of ${fmt(artifacts)} artifacts`);
});

test('auto-refresh survives a failed refresh: rows stay, the error shows, it backs off and recovers', async ({ page, request }) => {
  const repo = unique('tiny~fail-after1');
  const before = topLevelCount(generate('tiny', 12));
  await page.clock.install();
  await page.goto(katapultUrl(repo, '&refresh=1'));
  await page.clock.resume();
  await loadWithToken(page, TOKEN);
  const g = grid(page);
  await expect(g.status).toHaveText(`Showing 1–${before} of ${before} artifacts`);
  await expect(page.getByLabel('Auto-refresh')).toHaveValue('1');

  // The first refresh fails: the rows stay and the failure is shown.
  await page.clock.fastForward('01:05');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('internal_server_error');
  await expect(alert).toContainText('The rows below are from the last complete listing.');
  await expect(alert).toContainText('tries again in 2 minutes');
  await expect(g.status).toHaveText(`Showing 1–${before} of ${before} artifacts`);
  await expect(g.rows).toHaveCount(before);
  const afterFailure = (await requestsFor(request, repo)).length;

  // Backing off: one interval later nothing is asked for yet.
  await page.clock.fastForward('01:05');
  await page.waitForTimeout(500);
  expect((await requestsFor(request, repo)).length).toBe(afterFailure);

  // Twice the interval after the failure, the next refresh succeeds with one more artifact.
  await page.clock.fastForward('01:00');
  await expect(g.status).toHaveText(`Showing 1–${before + 1} of ${before + 1} artifacts. Since the last refresh: 1 new, 0 removed`);
  await expect(g.rows.filter({ hasText: 'late' })).toHaveCount(1);
  await expect(alert).toHaveCount(0);

  // Back to the normal interval after a success.
  const afterSuccess = (await requestsFor(request, repo)).length;
  await page.clock.fastForward('01:05');
  await expect.poll(async () => (await requestsFor(request, repo)).length).toBeGreaterThan(afterSuccess);
});
