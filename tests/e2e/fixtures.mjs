// Shared test set-up: every page fails its test on a console error or an uncaught exception.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});
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
