// Artifact details and cosign accessories end to end, on the Katapult mock's `signed`
// repository: v1.0.0 signed and attested (accessory tags naming its digest), v2.0.0 unsigned,
// an untagged SBOM referrer, an orphaned signature, and v0.9.0.
import { test, expect, grid, katapultUrl, loadWithToken } from './fixtures.mjs';
import { artifactsOf, TOKEN } from '../mock/katapult.mjs';

const signed = () => artifactsOf('signed');
const v1 = () => signed().find((a) => a.id === 'signed-v1');
const row = (page, text) => grid(page).rows.filter({ hasText: text });
const detailsOf = (page) => page.getByRole('region', { name: /^Details of artifact/ });

async function open(page, extra = '') {
  await page.goto(katapultUrl('signed', extra));
  await loadWithToken(page, TOKEN);
  await expect(grid(page).status).toHaveText(/^Showing 1–\d+ of \d+ artifacts/);
}

test('signatures and attestations are attached to what they sign, not rows of their own', async ({ page }) => {
  await open(page);
  // v1, v2, the SBOM referrer, the orphaned signature, v0.9.0: the attached signature and
  // attestation of v1 are not counted.
  await expect(grid(page).status).toHaveText('Showing 1–5 of 5 artifacts');
  await expect(grid(page).rows).toHaveCount(5);
  await expect(row(page, 'v1.0.0').getByText('signed', { exact: true })).toBeVisible();
  await expect(row(page, 'v1.0.0').getByText('attested', { exact: true })).toBeVisible();
  await expect(row(page, 'v2.0.0').getByText('signed', { exact: true })).toHaveCount(0);
  await expect(row(page, 'v2.0.0').getByText('attested', { exact: true })).toHaveCount(0);
  const orphan = row(page, '.sig');
  await expect(orphan).toHaveCount(1);
  await expect(orphan.getByText('orphaned', { exact: true })).toBeVisible();
  await expect(row(page, '.att')).toHaveCount(0);

  // Shown as rows again: the option is in the link.
  await page.getByLabel('Show signatures as rows').check();
  await expect(page).toHaveURL(/[?&]accessory_view=rows/);
  await expect(grid(page).status).toHaveText('Showing 1–7 of 7 artifacts');
  await expect(row(page, '.sig')).toHaveCount(2);
  await expect(row(page, '.att')).toHaveCount(1);
  await page.getByLabel('Show signatures as rows').uncheck();
  await expect(page).not.toHaveURL(/accessory_view/);
  await expect(grid(page).rows).toHaveCount(5);
});

test('a link with accessory_view=rows shows accessories as rows', async ({ page }) => {
  await open(page, '&accessory_view=rows');
  await expect(grid(page).status).toHaveText('Showing 1–7 of 7 artifacts');
  await expect(page.getByLabel('Show signatures as rows')).toBeChecked();
});

test('details open by keyboard, say everything, and close with Escape', async ({ page }) => {
  await open(page);
  const digest = v1().digest;
  const button = row(page, 'v1.0.0').getByRole('button', { name: /^Details of sha256:/ });
  await expect(button).toHaveText('Details');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page).toHaveURL(new RegExp(`[?&]details=${digest.replace(':', '(:|%3A)')}`));
  const details = detailsOf(page);
  await expect(details).toBeFocused();
  await expect(button).toHaveAttribute('aria-controls', (await details.getAttribute('id')) ?? '');

  await expect(details.getByText(digest, { exact: true })).toBeVisible();
  await expect(details).toContainText('28.6 MiB (30,000,000 bytes)');
  await expect(details).toContainText('linux/amd64');
  await expect(details).toContainText('v1.0.0');
  await expect(details).toContainText(/Pushed\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+ (day|month)s? ago\)/);

  const annotations = details.getByRole('table', { name: 'Annotations' });
  await expect(annotations.getByRole('row')).toHaveCount(4); // header + 3
  const hostile = annotations.getByRole('row', { name: /org\.opencontainers\.image\.title/ });
  await expect(hostile).toContainText('<img src=x onerror=window.__pwned=1>');
  await expect(details.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  // The long value wraps inside the page instead of widening it.
  const long = annotations.getByRole('row', { name: /description/ }).getByRole('cell');
  const box = await long.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.x + box.width <= viewport.width).toBeTruthy();
  expect(box && box.height > 30).toBeTruthy();

  const accessories = details.getByRole('table', { name: 'Signatures, attestations and SBOMs' });
  await expect(accessories.getByRole('row')).toHaveCount(3); // header + signature + attestation
  await expect(accessories.getByRole('row', { name: /signature/ })).toContainText(`sha256-${digest.slice(7)}.sig`);
  await expect(accessories.getByRole('row', { name: /attestation/ })).toContainText(`sha256-${digest.slice(7)}.att`);

  // The signature's own details, from the list: above the table (it is no row), focused.
  const sig = signed().find((a) => a.id === 'signed-v1-sig');
  await accessories.getByRole('button', { name: /^Details of signature/ }).click();
  const sigDetails = page.getByRole('region', { name: 'Linked artifact' }).getByRole('region', { name: /^Details of artifact/ });
  await expect(sigDetails).toBeFocused();
  await expect(sigDetails.getByText(sig.digest, { exact: true })).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Escape');
  await expect(sigDetails).toHaveCount(0);

  // Back to v1.0.0's details, closed with Escape.
  await button.click();
  await expect(detailsOf(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(detailsOf(page)).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(page).not.toHaveURL(/details=/);
});

test('a link with details= opens that artifact, and Copy digest copies it', async ({ page }) => {
  const digest = v1().digest;
  await open(page, `&details=${encodeURIComponent(digest)}`);
  const details = detailsOf(page);
  await expect(details).toBeVisible();
  await expect(details.getByText(digest, { exact: true })).toBeVisible();
  await expect(row(page, 'v1.0.0').getByRole('button', { name: /^Details of sha256:/ })).toHaveAttribute('aria-expanded', 'true');

  await expect(details.getByRole('button', { name: 'Copy pull reference' })).toBeVisible();
  await details.getByRole('button', { name: 'Copy digest' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(digest);
  await expect(details.getByRole('button', { name: 'Copied digest' })).toBeVisible();
  await details.getByRole('button', { name: 'Copy pull reference' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`@${digest}$`));

  // Reloading the link opens it again; garbage in details= is dropped.
  await page.reload();
  await loadWithToken(page, TOKEN);
  await expect(detailsOf(page).getByText(digest, { exact: true })).toBeVisible();
  await page.goto(katapultUrl('signed', '&details=%3Cimg%20src%3Dx%3E'));
  await loadWithToken(page, TOKEN);
  await expect(grid(page).rows).toHaveCount(5);
  await expect(detailsOf(page)).toHaveCount(0);
});

test('a link to an attached signature shows its details above the table', async ({ page }) => {
  const sig = signed().find((a) => a.id === 'signed-v1-sig');
  await open(page, `&details=${encodeURIComponent(sig.digest)}`);
  const details = page.getByRole('region', { name: 'Linked artifact' }).getByRole('region', { name: /^Details of artifact/ });
  await expect(details.getByText(sig.digest, { exact: true })).toBeVisible();
  await expect(details).toContainText(`Attached to ${v1().digest}`);
  await details.getByRole('button', { name: 'Close details' }).click();
  await expect(page).not.toHaveURL(/details=/);
});
