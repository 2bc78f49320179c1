// Every screen at phone and tablet widths (reflow down to 320 CSS px, WCAG 1.4.10) and
// WCAG 2.2 AA by axe-core on each screen, light and dark.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, grid, NETWORK_ERRORS, COLUMN, parseSize, katapultUrl, loadWithToken } from './fixtures.mjs';
import { generate, TOKEN } from '../mock/katapult.mjs';
import { topLevelCount } from './fixtures.mjs';

test.use({ expectedConsole: NETWORK_ERRORS });

const TINY_ROWS = topLevelCount(generate('tiny', 12));
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** No axe-core violation of WCAG 2.2 A/AA, whatever its impact. */
async function noViolations(page, what) {
  const { violations, passes, incomplete } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  // The rules this work is about did run.
  const ran = [...passes, ...incomplete, ...violations].map((r) => r.id);
  for (const rule of ['target-size', 'color-contrast', 'label']) expect(ran, `${rule} ran on ${what}`).toContain(rule);
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${what}`).toEqual([]);
}

/** Boxes that stick out of the viewport sideways (visually hidden sr-only text excepted). */
function outOfBounds(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('.sr-only')) continue;
      const style = getComputedStyle(el);
      if (style.clip === 'rect(0px, 0px, 0px, 0px)' && style.position === 'absolute') continue;
      if (el.closest('thead') && el.closest('thead').getBoundingClientRect().width <= 1) continue;
      for (const r of el.getClientRects()) {
        if (r.width === 0 && r.height === 0) continue;
        if (r.left < -0.5 || r.right > width + 0.5) {
          out.push(`${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
          break;
        }
      }
    }
    return { width, scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 10) };
  });
}

/** Nothing scrolls sideways, every box is inside the viewport, the first row's tags, size
 *  and push time are visible inside it. */
async function fitsTheScreen(page, width) {
  const { scrollWidth, out } = await outOfBounds(page);
  expect(scrollWidth, 'page scroll width').toBeLessThanOrEqual(width);
  expect(out, 'boxes outside the viewport').toEqual([]);
  const row = grid(page).rows.first();
  for (const column of ['tags', 'size', 'pushed']) {
    const cell = row.getByRole('cell').nth(COLUMN[column]);
    await expect(cell, column).toBeVisible();
    const box = await cell.boundingBox();
    expect(box.x, `${column} left`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${column} right`).toBeLessThanOrEqual(width);
  }
}

for (const width of [320, 390, 768]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 844 } });

    test('the demo and a loaded Katapult link fit the screen, rows as cards', async ({ page }) => {
      await page.goto('./');
      await expect(grid(page).rows).toHaveCount(25);
      // Still a table to assistive technology.
      await expect(grid(page).header('Size')).toHaveCount(1);
      await expect(grid(page).rows.first().getByRole('cell')).toHaveCount(7);
      await fitsTheScreen(page, width);
      await grid(page).table.getByRole('button', { name: /manifests/ }).first().click();
      await fitsTheScreen(page, width);
      // The details view of the first row.
      await grid(page).rows.first().getByRole('button', { name: /^Details/ }).click();
      await expect(page.getByRole('region', { name: /^Details of artifact/ })).toBeVisible();
      await fitsTheScreen(page, width);

      await page.goto(katapultUrl('tiny', '&keep_tag=v*'));
      await loadWithToken(page, TOKEN);
      await expect(grid(page).status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
      await fitsTheScreen(page, width);
      await page.getByRole('button', { name: 'Filters' }).click();
      await page.getByRole('button', { name: 'Cleanup plan' }).click();
      await fitsTheScreen(page, width);
    });
  });
}

test.describe('390 px wide', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('"Sort by" stands in for the hidden headers and writes the URL', async ({ page }) => {
    await page.goto('./');
    const g = grid(page);
    await expect(g.rows).toHaveCount(25);
    // The headers are visually hidden (still there for assistive technology), and shown
    // when a keyboard user tabs into them.
    const head = g.table.locator('thead');
    await expect(head).toHaveCSS('position', 'absolute');
    await g.sortButton('Size').focus();
    await expect(head).toHaveCSS('position', 'static');
    const box = await g.sortButton('Size').boundingBox();
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.getByLabel('Sort by').focus();
    await expect(head).toHaveCSS('position', 'absolute');
    const sizes = async () => (await g.rows.locator('td.col-size').allInnerTexts()).map(parseSize).filter((s) => s !== null);
    await page.getByLabel('Sort by').selectOption({ label: 'Size' });
    await expect(page).toHaveURL(/sort=size/);
    await page.getByLabel('Order', { exact: true }).selectOption({ label: 'Ascending' });
    await expect(page).toHaveURL(/sort=size&order=asc|order=asc&sort=size/);
    await expect(g.header('Size')).toHaveAttribute('aria-sort', 'ascending');
    const up = await sizes();
    expect(up.length).toBeGreaterThan(1);
    expect([...up].sort((a, b) => a - b)).toEqual(up);
    await page.getByLabel('Order', { exact: true }).selectOption({ label: 'Descending' });
    await expect(g.header('Size')).toHaveAttribute('aria-sort', 'descending');
    const down = await sizes();
    expect([...down].sort((a, b) => b - a)).toEqual(down);
    // A shared link shows its sort in the control.
    await page.goto('./?sort=pushed&order=asc');
    await expect(page.getByLabel('Sort by')).toHaveValue('pushed');
    await expect(page.getByLabel('Order', { exact: true })).toHaveValue('asc');
  });

  test('filters and the cleanup plan fold behind buttons', async ({ page }) => {
    await page.goto('./');
    const filters = page.getByRole('button', { name: 'Filters' });
    await expect(filters).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByLabel('Tag filter')).toBeHidden();
    await filters.click();
    await expect(filters).toHaveAttribute('aria-expanded', 'true');
    await page.getByLabel('Tag filter').fill('v1');
    await expect(page).toHaveURL(/tag=v1/);
    const plan = page.getByRole('button', { name: 'Cleanup plan' });
    await expect(page.getByLabel('Tag glob')).toBeHidden();
    await plan.click();
    await expect(plan).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByLabel('Tag glob')).toBeVisible();
    await plan.click();
    await expect(page.getByLabel('Tag glob')).toBeHidden();
  });

  test('the first artifact is on the first screen; the overview folds behind a button', async ({ page }) => {
    await page.goto('./');
    const first = grid(page).rows.first();
    await expect(first).toBeVisible();
    const top = await first.evaluate((row) => row.getBoundingClientRect().top);
    expect(top).toBeLessThan(844);
    const bars = page.getByRole('group', { name: 'Artifacts per architecture' });
    await expect(bars).toBeHidden();
    const overview = page.getByRole('button', { name: 'Overview' });
    await expect(overview).toHaveAttribute('aria-expanded', 'false');
    await overview.click();
    await expect(overview).toHaveAttribute('aria-expanded', 'true');
    await expect(bars).toBeVisible();
  });
});

test('wide screens show the panels and the headers, not the buttons', async ({ page }) => {
  await page.goto('./');
  await expect(grid(page).rows).toHaveCount(25);
  await expect(page.getByRole('button', { name: 'Filters' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cleanup plan' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Overview' })).toBeHidden();
  await expect(page.getByRole('group', { name: 'Artifacts per architecture' })).toBeVisible();
  await expect(page.getByLabel('Sort by')).toBeHidden();
  await expect(page.getByLabel('Tag filter')).toBeVisible();
  await expect(page.getByLabel('Tag glob')).toBeVisible();
  await expect(grid(page).sortButton('Size')).toBeVisible();
});

test('copy buttons say what they copy', async ({ page }) => {
  await page.goto(katapultUrl('tiny'));
  await loadWithToken(page, TOKEN);
  const row = grid(page).rows.first();
  await expect(row.getByRole('button', { name: 'Copy digest' })).toHaveText('Copy digest');
  await expect(row.getByRole('button', { name: 'Copy pull reference' })).toHaveText('Copy pull reference');
});

test('no data, no chart frames', async ({ page }) => {
  await page.goto('./?pushed_after=2100-01-01');
  await expect(grid(page).status).toHaveText(/^No artifacts to show/);
  await expect(page.getByRole('region', { name: 'Overview of the filtered view' })).toHaveCount(0);
  await expect(page.locator('svg')).toHaveCount(0);
  await page.goto('./');
  await expect(page.getByRole('img', { name: /push/i })).toHaveCount(1);
  expect(await page.locator('meta[name="description"]').getAttribute('content')).toMatch(/container registry/);
});

/** The screens axe checks, each reached as a person would. */
const SCREENS = {
  'demo grid with an expanded index': async (page) => {
    await page.goto('./');
    await expect(grid(page).rows).toHaveCount(25);
    await grid(page).table.getByRole('button', { name: /manifests/ }).first().click();
    await expect(grid(page).table.locator('tr.child').first()).toBeVisible();
  },
  'loaded Katapult grid': async (page) => {
    await page.goto(katapultUrl('tiny'));
    await loadWithToken(page, TOKEN);
    await expect(grid(page).status).toHaveText(`Showing 1–${TINY_ROWS} of ${TINY_ROWS} artifacts`);
  },
  'cleanup plan with an active plan': async (page) => {
    await page.goto('./?keep_tag=v*');
    await expect(page.getByRole('button', { name: /^Copy delete list/ })).toBeVisible();
    await expect(grid(page).header('Plan')).toHaveCount(1);
  },
  // The details view (a "Details" button per row).
  'details view': async (page) => {
    await page.goto('./');
    await expect(grid(page).rows).toHaveCount(25);
    await grid(page).rows.first().getByRole('button', { name: /^Details/ }).click();
    await expect(page.getByRole('region', { name: /^Details of artifact/ })).toBeVisible();
  },
  'host confirmation dialog': async (page) => {
    await page.goto(`./?provider=katapult&endpoint=${encodeURIComponent('http://localhost:4174')}&region=uk-lon-01&repository=tiny`);
    await loadWithToken(page, TOKEN);
    await expect(page.getByRole('dialog')).toBeVisible();
  },
};

for (const mode of ['light', 'dark', 'dark by the toggle']) {
  test(`axe WCAG 2.2 AA, every screen, ${mode}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: mode === 'dark' ? 'dark' : 'light' });
    if (mode === 'dark by the toggle') {
      await page.goto('./');
      await page.getByRole('button', { name: 'Theme: System' }).click();
      await page.getByRole('button', { name: 'Theme: Light' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    }
    for (const [name, reach] of Object.entries(SCREENS)) {
      await reach(page);
      await noViolations(page, `${name}, ${mode}`);
    }
  });
}

test.describe('axe at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const scheme of ['light', 'dark']) {
    test(`axe WCAG 2.2 AA on a phone, panels open, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('./?keep_tag=v*');
      await expect(grid(page).rows.first()).toBeVisible();
      await page.getByRole('button', { name: 'Filters' }).click();
      await page.getByRole('button', { name: 'Cleanup plan' }).click();
      await noViolations(page, `phone, ${scheme}`);
    });
  }
});
