// Sharing, hosting and protection: token safety against hostile links, CSP, config.json,
// recent repositories, copy and export, auto-refresh, date filters, the overview picture,
// keyboard use, themes and accessibility (axe-core).
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, grid, NETWORK_ERRORS, MOCK, topLevelCount, requestsFor, katapultUrl, loadWithToken } from './fixtures.mjs';
import { generate, TOKEN } from '../mock/katapult.mjs';

test.use({ expectedConsole: NETWORK_ERRORS });

const TINY = generate('tiny', 12);
const TINY_ROWS = topLevelCount(TINY);
const unique = (name) => `${name}~t${Date.now()}${Math.floor(Math.random() * 1e6)}`;

async function noSeriousViolations(page, include) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const serious = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe('token safety', () => {
  test('a link to an unknown host asks before the token goes anywhere', async ({ page, request }) => {
    const repo = unique('tiny');
    const link = `./?provider=katapult&endpoint=${encodeURIComponent('http://localhost:4174')}&region=uk-lon-01&repository=${encodeURIComponent(repo)}`;
    await page.goto(link);
    await loadWithToken(page, TOKEN);
    const dialog = page.getByRole('dialog', { name: 'Send your token to localhost:4174?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    expect(await requestsFor(request, repo)).toEqual([]);

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('the host was not confirmed')).toBeVisible();
    expect(await requestsFor(request, repo)).toEqual([]);

    await page.getByRole('button', { name: 'Load' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send token to localhost:4174' }).click();
    await expect(grid(page).status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
    expect((await requestsFor(request, repo)).length).toBeGreaterThan(0);

    // The choice lasts for the tab: a reload loads without asking again.
    await page.reload();
    await expect(grid(page).status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('a hostile proxy in a link is named too, and plain http to another machine is warned about', async ({ page }) => {
    await page.goto(katapultUrl('tiny', `&proxy=${encodeURIComponent('http://collector.example.test/')}`));
    await loadWithToken(page, TOKEN);
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('collector.example.test');
    await expect(dialog).not.toContainText('127.0.0.1:4174');
    await expect(dialog).toContainText('plain http://');
    await noSeriousViolations(page, '.dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('an endpoint typed in this tab is the person\'s choice: no dialog', async ({ page }) => {
    await page.goto('./?provider=katapult');
    await page.getByLabel('Endpoint').fill('http://registry.lan:8080');
    await expect(page.getByText('Plain http:// to another machine')).toBeVisible();
    await page.getByLabel('Endpoint').fill('http://localhost:4174');
    await expect(page.getByText('Plain http:// to another machine')).toHaveCount(0);
    await page.getByLabel('Region id').fill('uk-lon-01');
    await page.getByLabel('Repository', { exact: true }).fill('tiny');
    await loadWithToken(page, TOKEN);
    await expect(grid(page).status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('the token field is a password field and the token stays out of URL, storage and cookies', async ({ page, context }) => {
    await page.goto(katapultUrl('tiny'));
    const field = page.getByLabel('API token');
    await expect(field).toHaveAttribute('type', 'password');
    await expect(field).toHaveAttribute('autocomplete', 'off');
    await loadWithToken(page, TOKEN);
    await expect(grid(page).status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
    await page.getByRole('button', { name: 'Copy link' }).click();
    // The clipboard is written asynchronously: wait for it.
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(copied).not.toContain(TOKEN);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(TOKEN);
    expect(JSON.stringify(await context.cookies())).not.toContain(TOKEN);
  });

  test('hostile error descriptions render as text', async ({ page }) => {
    await page.goto(katapultUrl('hostile-error'));
    await loadWithToken(page, TOKEN);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('<img src=x onerror="window.__pwned=5">Conflict');
    await expect(alert).toContainText('conflict_<b>x</b>');
    await expect(alert.locator('img, b')).toHaveCount(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });
});

test.describe('CSP', () => {
  test.use({ expectedConsole: /Executing inline script violates/, expectedCsp: /^script-src-elem inline$/ });
  test('the built page carries a strict Content-Security-Policy', async ({ page }) => {
  await page.goto('./');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'none'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "style-src 'self'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  expect(csp).not.toContain('unsafe-inline');
  await expect(grid(page).rows).toHaveCount(25); // and the app runs under it (violations fail every test)
  // An injected inline script is refused.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    return window.__inlineRan === true;
  });
  expect(ran).toBe(false);
  });
});

test.describe('config.json', () => {
  test('presets are offered and recent repositories remembered (without tokens)', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Saved repositories').selectOption({ label: 'Katapult mock: tiny' });
    await expect(page).toHaveURL(/provider=katapult&endpoint=http:\/\/127\.0\.0\.1:4174&region=uk-lon-01&repository=tiny/);
    await loadWithToken(page, TOKEN);
    await expect(grid(page).status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
    await page.goto('./');
    const saved = page.getByLabel('Saved repositories');
    await expect(saved.locator('option', { hasText: 'Recent: Katapult tiny (uk-lon-01)' })).toHaveCount(1);
    expect(await page.evaluate(() => localStorage.getItem('lading.recent'))).not.toContain(TOKEN);
    await page.getByRole('button', { name: 'Clear recent' }).click();
    await expect(saved.locator('option', { hasText: 'Recent:' })).toHaveCount(0);
  });

  test('an invalid config.json shows a warning and the defaults', async ({ page }) => {
    await page.goto('/bad-config/');
    await expect(page.getByRole('alert')).toContainText('config.json page_size must be one of 10, 25, 50, 100');
    await expect(grid(page).rows).toHaveCount(25);
    await expect(page.getByLabel('Provider')).toHaveValue('demo');
  });
});

test.describe('working with the list', () => {
  test('copy digest, pull references by digest and by tag, with a visible confirmation', async ({ page }) => {
    await page.goto(katapultUrl('tiny', '&tag=v0.2.1'));
    await loadWithToken(page, TOKEN);
    const row = grid(page).rows.first();
    const digest = TINY.find((a) => a.tags.includes('v0.2.1')).digest;
    await row.getByRole('button', { name: 'Copy digest' }).click();
    await expect(row.getByRole('button', { name: 'Copied digest' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(digest);
    await row.getByRole('button', { name: 'Copy pull reference' }).click();
    await expect(row.getByRole('button', { name: 'Copied pull reference' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`kcr.io/tiny@${digest}`);
    await row.getByRole('button', { name: 'v0.2.1, copy kcr.io/tiny:v0.2.1' }).click();
    await expect(row.getByText('✓ copied')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('kcr.io/tiny:v0.2.1');
  });

  test('export CSV and JSON hold the whole filtered, sorted view', async ({ page }) => {
    await page.goto('./?arch=arm64&sort=size&order=asc&per_page=10');
    const total = Number((await grid(page).status.innerText()).match(/of ([\d,]+)/)[1].replace(/,/g, ''));
    expect(total).toBeGreaterThan(10);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('lading-demo-medium.csv');
    const csv = (await readFile(await csvDownload.path(), 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe('tags,digest,platform,size_bytes,pushed,pulled,media_type,parent_digest');
    const topRows = csv.slice(1).filter((l) => l.endsWith(','));
    expect(topRows.length).toBe(total);
    const sizes = topRows.map((l) => l.split(',')[3]).filter(Boolean).map(Number);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const json = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
    expect(json.filter((r) => r.parent_digest === null).length).toBe(total);
    expect(json.some((r) => r.parent_digest !== null)).toBe(true);
    expect(json[0].pushed).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('auto-refresh keeps the view, marks what is new, and pauses while the tab is hidden', async ({ page, request }) => {
    const repo = unique('grow');
    await page.clock.install();
    await page.goto(katapultUrl(repo, '&sort=tags&order=asc'));
    await page.clock.resume();
    await loadWithToken(page, TOKEN);
    const g = grid(page);
    await expect(g.status).toHaveText(/^Showing 1–\d+ of \d+ artifacts$/);
    const before = Number((await g.status.innerText()).match(/of (\d+)/)[1]);
    await page.getByLabel('Auto-refresh').selectOption({ label: 'Every 1 min' });
    await expect(page).toHaveURL(/refresh=1/);

    await page.clock.fastForward('01:05');
    await expect(g.status).toContainText('Since the last refresh: 1 new, 0 removed');
    await expect(g.rows.filter({ has: page.getByText('new', { exact: true }) })).toHaveCount(1);
    await expect(g.header('Tags')).toHaveAttribute('aria-sort', 'ascending');
    expect(Number((await g.status.innerText()).match(/of (\d+)/)[1])).toBeGreaterThan(before);

    // Hidden tab: no refresh.
    const requests = (await requestsFor(request, repo)).length;
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.clock.fastForward('02:05');
    await page.waitForTimeout(500);
    expect((await requestsFor(request, repo)).length).toBe(requests);
  });

  test('date filters find clean-up candidates and live in the URL', async ({ page }) => {
    await page.goto('./');
    const g = grid(page);
    await page.getByLabel('Not pulled since').fill('2100-01-01');
    await expect(page).toHaveURL(/not_pulled_since=2100-01-01/);
    await expect(g.status).toContainText('(filtered from');
    await page.getByLabel('Pushed after').fill('2100-01-01');
    await expect(page).toHaveURL(/pushed_after=2100-01-01/);
    await expect(g.status).toHaveText(/^No artifacts to show/);
    await page.getByLabel('Pushed after').fill('');
    await page.getByLabel('Not pulled since').fill('');
    await page.getByLabel('Pushed before').fill('1990-01-01');
    await expect(g.status).toHaveText(/^No artifacts to show/);
    // The address bar follows the view a frame later (out of the interaction): reload what
    // it shows, as a person would.
    await expect(page).toHaveURL(/pushed_before=1990-01-01/);
    await page.reload();
    await expect(page.getByLabel('Pushed before')).toHaveValue('1990-01-01');
  });

  test('the overview picture toggles the architecture filter and has a text equivalent', async ({ page }) => {
    await page.goto('./');
    const bar = page.getByRole('button', { name: /^s390x\s*[\d,]+ artifacts/ });
    await bar.click();
    await expect(page).toHaveURL(/arch=s390x/);
    await expect(bar).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('checkbox', { name: 's390x' })).toBeChecked();
    await page.getByText('Figures as text').click();
    await expect(page.locator('.as-text li').first()).toContainText('s390x:');
    await bar.focus();
    await page.keyboard.press('Enter');
    await expect(page).not.toHaveURL(/arch=s390x/);
  });
});

test.describe('keyboard and accessibility', () => {
  test('/ focuses the tag filter, Escape clears it, headers sort with Enter and Space', async ({ page }) => {
    await page.goto('./');
    await expect(grid(page).rows).toHaveCount(25);
    await page.keyboard.press('/');
    const filter = page.getByRole('searchbox', { name: 'Tag filter' });
    await expect(filter).toBeFocused();
    await page.keyboard.type('v1');
    await expect(page).toHaveURL(/tag=v1/);
    await page.keyboard.press('Escape');
    await expect(filter).toHaveValue('');

    const size = grid(page).sortButton('Size');
    await size.focus();
    const outline = await size.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(grid(page).header('Size')).toHaveAttribute('aria-sort', 'ascending');
    await page.keyboard.press('Space');
    await expect(grid(page).header('Size')).toHaveAttribute('aria-sort', 'descending');
  });

  test('the theme toggle overrides the system preference and is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./');
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await bg()).toBe('rgb(15, 19, 24)');
    await page.getByRole('button', { name: 'Theme: System' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await bg()).toBe('rgb(246, 247, 249)');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Theme: Light' })).toBeVisible();
    expect(await bg()).toBe('rgb(246, 247, 249)');
  });

  for (const scheme of ['light', 'dark']) {
    test(`axe: demo grid and connection form, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('./');
      await expect(grid(page).rows).toHaveCount(25);
      await grid(page).table.getByRole('button', { name: /manifests/ }).first().click();
      await noSeriousViolations(page);
      await page.goto(katapultUrl('tiny'));
      await expect(page.getByLabel('API token')).toBeVisible();
      await noSeriousViolations(page);
    });
  }

  test('axe: a loaded provider grid', async ({ page }) => {
    await page.goto(katapultUrl('web'));
    await loadWithToken(page, TOKEN);
    await expect(grid(page).status).toHaveText(/^Showing 1–25 of/);
    await noSeriousViolations(page);
  });
});
