// The demo grid: opening, sorting, filtering, paging, and the URL as the view's memory.
import { test, expect, grid, parseSize, COLUMN } from './fixtures.mjs';

async function cellTexts(rows, column) {
  return rows.evaluateAll((trs, col) => trs.map((tr) => tr.cells[col]?.innerText ?? ''), column);
}

test('opening the app shows the medium demo set at once', async ({ page }) => {
  await page.goto('./');
  const g = grid(page);
  await expect(g.rows).toHaveCount(25);
  await expect(g.status).toHaveText(/^Showing 1–25 of [\d,]+ artifacts$/);
  // The status line is the grid's caption: it describes the table, whose name stays put.
  await expect(g.table).toHaveAccessibleName('Artifacts');
  await expect(g.table).toHaveAccessibleDescription(/^Showing 1–25 of [\d,]+ artifacts$/);
  await expect(g.header('Pushed')).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('searchbox', { name: 'Tag filter' })).toBeEmpty();
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toBeVisible();
  expect(page.url()).toMatch(/\/tools\/lading\/$/);
});

// The first render is split into tasks (none blocks input for long) and the page shows
// whole: at the moment it becomes visible, the rows, status line, connection form and
// toolbar are there, and nothing moves afterwards. On a phone's width and a desktop's.
for (const width of [412, 1280]) {
  test(`the demo page appears whole at ${width} px: nothing is painted half-built, nothing moves`, async ({ page }) => {
    await page.setViewportSize({ width, height: 823 });
    await page.addInitScript(() => {
      window.__shownWith = null;
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      // Runs at the end of the task that shows the page, before it paints.
      new MutationObserver(() => {
        const app = document.querySelector('.app');
        if (window.__shownWith || !app || app.classList.contains('pending')) return;
        window.__shownWith = {
          rows: document.querySelectorAll('table.artifacts tbody tr.artifact').length,
          status: document.querySelector('table.artifacts caption .status')?.textContent,
          provider: !!document.getElementById('provider'),
          toolbar: !!document.querySelector('.toolbar'),
          visibility: getComputedStyle(app).visibility,
        };
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    });
    await page.goto('./');
    await expect(grid(page).rows).toHaveCount(25);
    await page.waitForTimeout(500);
    const shown = await page.evaluate(() => window.__shownWith);
    expect(shown).toEqual({
      rows: 25,
      status: expect.stringMatching(/^Showing 1–25 of [\d,]+ artifacts$/),
      provider: true,
      toolbar: true,
      visibility: 'visible',
    });
    expect(await page.evaluate(() => window.__shift)).toBe(0);
  });
}

test('sorting by size orders rows and is written to the URL', async ({ page }) => {
  await page.goto('./');
  const g = grid(page);
  await g.sortButton('Size').click();
  await expect(g.header('Size')).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/\?sort=size&order=asc$/);
  let sizes = (await cellTexts(g.rows, COLUMN.size)).map(parseSize).filter((s) => s !== null);
  expect(sizes.length).toBeGreaterThan(20);
  expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);

  await g.sortButton('Size').click();
  await expect(g.header('Size')).toHaveAttribute('aria-sort', 'descending');
  sizes = (await cellTexts(g.rows, COLUMN.size)).map(parseSize);
  expect(sizes[0]).toBeGreaterThan(1024 ** 3); // the biggest images are GiB-sized
  expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
});

test('filtering by architecture and tag', async ({ page }) => {
  await page.goto('./');
  const g = grid(page);
  const total = Number((await g.status.innerText()).match(/of ([\d,]+)/)[1].replace(/,/g, ''));

  await page.getByRole('group', { name: 'Architecture', exact: true }).getByRole('checkbox', { name: 's390x' }).check();
  await expect(page).toHaveURL(/arch=s390x/);
  await expect(g.status).toContainText(`(filtered from ${total.toLocaleString('en-US')})`);
  for (const platforms of await cellTexts(g.rows, COLUMN.platform)) expect(platforms).toContain('s390x');

  await page.getByRole('searchbox', { name: 'Tag filter' }).fill('v1.*');
  await expect(page).toHaveURL(/tag=v1\.\*/);
  await expect(g.rows.first()).toBeVisible();
  const tags = await cellTexts(g.rows, COLUMN.tags);
  expect(tags.length).toBeGreaterThan(0);
  for (const t of tags) expect(t).toMatch(/(^|\s)v1\./);

  await page.getByRole('searchbox', { name: 'Tag filter' }).fill('no-such-tag-anywhere');
  await expect(g.status).toHaveText(/^No artifacts to show \(filtered from/);
  await expect(g.rows).toHaveText(['No artifacts match the filters.']);
});

test('architecture checkboxes toggle from the keyboard and keep the focus', async ({ page }) => {
  await page.goto('./');
  const g = grid(page);
  const arm64 = page.getByRole('group', { name: 'Architecture', exact: true }).getByRole('checkbox', { name: 'arm64' });
  await arm64.focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/arch=arm64/);
  await expect(g.status).toContainText('filtered from');
  await expect(arm64).toBeChecked();
  await expect(arm64).toBeFocused();
  // The same box, still focused, takes the next press: the list was not drawn anew.
  await page.keyboard.press('Space');
  await expect(page).not.toHaveURL(/arch=/);
  await expect(arm64).not.toBeChecked();
  await expect(arm64).toBeFocused();
});

test('untagged artifacts can be shown alone or hidden', async ({ page }) => {
  await page.goto('./');
  const g = grid(page);
  await page.getByLabel('Untagged').selectOption({ label: 'Only untagged' });
  await expect(page).toHaveURL(/untagged=only/);
  for (const t of await cellTexts(g.rows, COLUMN.tags)) expect(t).toBe('untagged');
  await page.getByLabel('Untagged').selectOption({ label: 'Hide untagged' });
  for (const t of await cellTexts(g.rows, COLUMN.tags)) expect(t).not.toBe('untagged');
});

test('paging with links and page size', async ({ page }) => {
  await page.goto('./');
  const g = grid(page);
  const nav = page.getByRole('navigation', { name: 'Pagination' });
  const firstDigest = await g.rows.first().locator('code').innerText();
  await nav.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(g.status).toHaveText(/^Showing 26–50 of/);
  await expect(nav.getByRole('link', { name: 'Page 2', exact: true })).toHaveAttribute('aria-current', 'page');
  expect(await g.rows.first().locator('code').innerText()).not.toBe(firstDigest);

  await page.getByLabel('Page size').selectOption('100');
  await expect(page).toHaveURL(/\?per_page=100$/);
  await expect(g.rows).toHaveCount(100);
  await expect(g.status).toHaveText(/^Showing 1–100 of/);
});

test('page links follow a sort made on page 1, where the page numbers stay', async ({ page }) => {
  await page.goto('./');
  const nav = page.getByRole('navigation', { name: 'Pagination' });
  await grid(page).header('Size').getByRole('button').click();
  await expect(page).toHaveURL(/sort=size/);
  await expect(nav.getByRole('link', { name: 'Page 2', exact: true })).toHaveAttribute('href', /sort=size/);
  await nav.getByRole('link', { name: 'Page 2', exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=size/);
  await expect(grid(page).header('Size')).toHaveAttribute('aria-sort', /ascending|descending/);
});

test('reload restores the exact view', async ({ page }) => {
  await page.goto('./?arch=arm64&sort=size&order=asc&page=2&per_page=10');
  const g = grid(page);
  await expect(g.status).toHaveText(/^Showing 11–20 of [\d,]+ artifacts \(filtered from/);
  const digests = () => g.rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('code').title));
  const before = await digests();
  await page.reload();
  await expect(g.status).toHaveText(/^Showing 11–20 of/);
  await expect(g.header('Size')).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('checkbox', { name: 'arm64' })).toBeChecked();
  await expect(page.getByLabel('Page size')).toHaveValue('10');
  expect(await digests()).toEqual(before);
});

test('Back and Forward restore previous views; typing adds one history entry', async ({ page }) => {
  await page.goto('./');
  const g = grid(page);
  await g.sortButton('Size').click();
  await expect(page).toHaveURL(/sort=size/);
  await page.getByRole('checkbox', { name: 'arm64' }).check();
  await expect(page).toHaveURL(/arch=arm64/);
  await page.getByRole('searchbox', { name: 'Tag filter' }).pressSequentially('v1.', { delay: 20 });
  await expect(page).toHaveURL(/tag=v1\./);

  await page.goBack();
  await expect(page).toHaveURL(/\?arch=arm64&sort=size&order=asc$/);
  await expect(page.getByRole('searchbox', { name: 'Tag filter' })).toBeEmpty();
  await page.goBack();
  await expect(page).toHaveURL(/\?sort=size&order=asc$/);
  await expect(page.getByRole('checkbox', { name: 'arm64' })).not.toBeChecked();
  await expect(g.header('Size')).toHaveAttribute('aria-sort', 'ascending');
  await page.goForward();
  await expect(page.getByRole('checkbox', { name: 'arm64' })).toBeChecked();
});

test('garbage in the URL falls back to defaults without breaking the page', async ({ page }) => {
  await page.goto('./?sort=bogus&order=up&page=-3&per_page=9999&provider=ftp&dataset=<script>&arch=');
  const g = grid(page);
  await expect(g.rows).toHaveCount(25);
  await expect(g.status).toHaveText(/^Showing 1–25 of [\d,]+ artifacts$/);
  await expect(g.header('Pushed')).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByLabel('Page size')).toHaveValue('25');
  await expect(page.getByLabel('Demo data set')).toHaveValue('medium');

  // Bad UTF-8 escapes decode to U+FFFD: a filter that matches nothing, said plainly.
  await page.goto('./?tag=%FF%FE');
  await expect(page.getByRole('searchbox', { name: 'Tag filter' })).toHaveValue('\uFFFD\uFFFD');
  await expect(g.status).toHaveText(/^No artifacts to show \(filtered from/);
  await page.goto('./?page=99999');
  await expect(g.status).toHaveText(/^Showing [\d,]+–[\d,]+ of [\d,]+ artifacts$/);
  await expect(page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next' })).toHaveCount(0);
});

test('index rows expand with the keyboard to show their platforms', async ({ page }) => {
  await page.goto('./?dataset=medium');
  const g = grid(page);
  const toggle = g.table.getByRole('button', { name: /manifests/ }).first();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const children = g.table.locator('tbody tr.child');
  expect(await children.count()).toBeGreaterThanOrEqual(2);
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(children).toHaveCount(0);
});
