// The cleanup plan end to end: rules from links and from the panel, decisions checked against
// an independent expectation computed here from the mock's own data, the Plan column, the
// exports, the delete list, and what an incomplete listing withholds.
import { test, expect, grid, katapultUrl, loadWithToken, topLevelCount, swrUrl, PROXY } from './fixtures.mjs';
import { generate, TOKEN } from '../mock/katapult.mjs';
import { SWR_TOKEN } from '../mock/swr.mjs';

const NOW = 1_790_000_000; // the mock's "now"
const DAY = 86_400;
const iso = (secs) => new Date(secs * 1000).toISOString().replace('.000Z', 'Z');

/** Anchored, case-sensitive glob → RegExp, written independently of the app's matcher. */
function globRe(glob) {
  const body = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`);
}

/** What the plan must decide for a mock repository without accessories or referrers. */
function expectDecisions(artifacts, { keepTag = [], keepRecent = [], pushedWithin }, now) {
  const parents = new Map();
  for (const a of artifacts) for (const c of a.child_ids) parents.set(c, [...(parents.get(c) ?? []), a.id]);
  const top = artifacts.filter((a) => !parents.has(a.id));
  const kept = new Set();
  for (const g of keepTag) for (const a of top) if (a.tags.some((t) => globRe(g).test(t))) kept.add(a.id);
  for (const [n, g] of keepRecent) {
    const candidates = top.filter((a) => a.tags.some((t) => globRe(g).test(t)));
    candidates.sort((x, y) => {
      const [p, q] = [x.last_pushed_at, y.last_pushed_at];
      if (p !== q) return p == null ? 1 : q == null ? -1 : q - p;
      const byDigest = x.digest < y.digest ? -1 : x.digest > y.digest ? 1 : 0;
      return byDigest || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
    });
    for (const a of candidates.slice(0, n)) kept.add(a.id);
  }
  if (pushedWithin !== undefined) {
    for (const a of top) if (a.last_pushed_at != null && a.last_pushed_at >= now - pushedWithin * DAY) kept.add(a.id);
  }
  // By id: the mock's digests are not all distinct (the app breaks ties by id too).
  const decision = new Map();
  for (const a of top) decision.set(a.id, kept.has(a.id) ? 'keep' : 'delete');
  for (const a of artifacts) {
    if (!parents.has(a.id)) continue;
    decision.set(a.id, parents.get(a.id).some((p) => kept.has(p)) ? 'keep' : 'delete');
  }
  return decision;
}

/** RFC 4180 rows. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const stream = await file.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const loaded = (page, rows) => expect(grid(page).status).toContainText(`of ${rows.toLocaleString('en-US')} artifacts`);
const summary = (page) => page.locator('.plan-summary');

test('a policy link decides every artifact as the rules say, and the export carries each decision', async ({ page }) => {
  const artifacts = generate('gen-300', 300);
  const asOf = NOW + DAY - 40 * 600; // keep_pushed_within=1 then keeps the 40 newest pushes
  const rules = { keepTag: ['v1.*'], keepRecent: [[5, 'build-*']], pushedWithin: 1 };
  const expected = expectDecisions(artifacts, rules, asOf);
  const deletes = [...expected.values()].filter((d) => d === 'delete').length;
  const keeps = expected.size - deletes;

  await page.goto(katapultUrl('gen-300', `&keep_tag=${encodeURIComponent('v1.*')}&keep_recent=${encodeURIComponent('5:build-*')}&keep_pushed_within=1&as_of=${iso(asOf)}`));
  await loadWithToken(page, TOKEN);
  await expect(summary(page)).toHaveText(new RegExp(`^Plan: delete ${deletes} of 300 artifacts \\(.+\\), keep ${keeps}, 0 unknown$`));
  await expect(page.getByText(`Decisions as of ${iso(asOf).replace('T', ' ').replace('Z', ' UTC')} (pinned by the link).`)).toBeVisible();

  const csv = parseCsv(await download(page, 'Export CSV'));
  const header = csv[0];
  const [digestAt, decisionAt, reasonAt] = ['digest', 'decision', 'reason'].map((h) => header.indexOf(h));
  expect(decisionAt).toBeGreaterThan(0);
  // The export has digests, not ids: compare the (digest, decision) pairs as multisets.
  const byDigest = new Map(artifacts.map((a) => [a.id, a.digest]));
  const want = [...expected].map(([id, d]) => `${byDigest.get(id)} ${d}`).sort();
  const got = csv.slice(1).map((r) => `${r[digestAt]} ${r[decisionAt]}`).sort();
  expect(got).toEqual(want);
  expect(csv.slice(1).every((r) => r[reasonAt].length > 0)).toBe(true);
});

test('decisions do not change with filters, sort or page; plan=delete narrows the grid to deletions', async ({ page }) => {
  const link = katapultUrl('web', `&keep_tag=${encodeURIComponent('v1.1*')}&keep_recent=3`);
  await page.goto(link);
  await loadWithToken(page, TOKEN);
  await loaded(page, topLevelCount(generate('web', 450)));
  const before = await summary(page).textContent();
  expect(before).toMatch(/^Plan: delete \d+ of 450 artifacts/);
  await grid(page).sortButton('Size').click();
  await page.getByRole('searchbox', { name: 'Tag filter' }).fill('build');
  await expect(summary(page)).toHaveText(before);

  await page.getByRole('searchbox', { name: 'Tag filter' }).fill('');
  await page.getByLabel('Show', { exact: true }).selectOption('delete');
  await expect(page).toHaveURL(/[?&]plan=delete/);
  const deleteCount = Number(/delete (\d+) of/.exec(before)[1]);
  const topLevelDeletes = await page.evaluate(() => document.querySelector('[role=status]').textContent);
  expect(topLevelDeletes).toMatch(/of [\d,]+ artifacts/);
  const badges = grid(page).rows.locator('.plan-badge');
  await expect(badges.first()).toHaveText('Delete');
  for (const text of await badges.allTextContents()) expect(text).toBe('Delete');
  expect(deleteCount).toBeGreaterThan(0);
  await grid(page).sortButton('Plan').click();
  await expect(summary(page)).toHaveText(before);
});

test('signatures follow what they sign, referrers the plan cannot see are kept as unknown', async ({ page }) => {
  await page.goto(katapultUrl('signed', `&keep_tag=${encodeURIComponent('v1.*')}`));
  await loadWithToken(page, TOKEN);
  // Kept: v1.0.0 and its signature and attestation. Deleted: v2.0.0, v0.9.0, the orphaned
  // signature (judged alone: no rule keeps it). Unknown: the untagged SBOM.
  await expect(summary(page)).toHaveText(/^Plan: delete 3 of 7 artifacts \(.+\), keep 3, 1 unknown$/);
  const row = (tag) => grid(page).rows.filter({ hasText: tag });
  await expect(row('v2.0.0').locator('.plan-badge')).toHaveText('Delete');
  await expect(row('v2.0.0')).toContainText('no rule keeps it');
  await expect(row('v2.0.0')).toContainText('deleting it removes its tags latest, v2.0.0');
  await expect(row('v1.0.0').locator('.plan-badge')).toHaveText('Keep');
  await expect(row('v1.0.0')).toContainText('tag v1.0.0 matches v1.*');
  // Attached signatures are no rows of their own: the one row with a .sig tag is the
  // orphaned signature, judged alone.
  await expect(row('.sig')).toHaveCount(1);
  await expect(row('.sig')).toContainText('no rule keeps it');
  // Shown as rows, v1.0.0's signature and attestation follow its decision.
  await page.getByLabel('Show signatures as rows').check();
  await expect(row('.att').locator('.plan-badge')).toHaveText('Keep');
  await expect(row('.att')).toContainText('accessory of');
  await expect(row('.sig').filter({ hasText: 'accessory of' }).locator('.plan-badge')).toHaveText('Keep');
  await expect(summary(page)).toHaveText(/^Plan: delete 3 of 7 artifacts \(.+\), keep 3, 1 unknown$/);
});

test('rules are written from the panel into the link, and removed again', async ({ page }) => {
  await page.goto(katapultUrl('tiny'));
  await loadWithToken(page, TOKEN);
  await page.getByLabel('Tag glob').fill('v1.*');
  await page.getByRole('button', { name: 'Add tag rule' }).click();
  await expect(page).toHaveURL(/[?&]keep_tag=v1\.\*/);
  await expect(summary(page)).toHaveText(/^Plan: delete \d+ of 12 artifacts/);

  await page.getByLabel('Count').fill('2');
  await page.getByLabel('Of tags matching').fill('build-*');
  await page.getByRole('button', { name: 'Add recent rule' }).click();
  await expect(page).toHaveURL(/[?&]keep_recent=2:build-\*/);

  await page.getByLabel('Keep pushed within (days)').fill('30');
  await page.getByLabel('Keep pushed within (days)').press('Enter');
  await expect(page).toHaveURL(/[?&]keep_pushed_within=30/);
  await expect(page.getByRole('table', { name: 'What each rule keeps' }).getByRole('row')).toHaveCount(4);

  await page.getByRole('button', { name: 'Remove keep tag v1.*' }).click();
  await expect(page).not.toHaveURL(/keep_tag=/);
  await page.getByRole('button', { name: 'Clear plan' }).click();
  await expect(page).not.toHaveURL(/keep_/);
  await expect(summary(page)).toHaveCount(0);
  // Without rules, nothing to show, copy or clear.
  await expect(page.getByRole('button', { name: 'Clear plan' })).toBeHidden();
  await expect(page.getByRole('button', { name: /^Copy delete list/ })).toBeHidden();
  await expect(page.getByLabel('Show', { exact: true })).toBeHidden();
});

test('the delete list lists what the plan deletes, each index followed by its children', async ({ page }) => {
  const artifacts = generate('tiny', 12);
  await page.goto(katapultUrl('tiny', '&keep_tag=nothing-matches&sort=digest&order=asc'));
  await loadWithToken(page, TOKEN);
  await loaded(page, artifacts.filter((a) => !artifacts.some((p) => p.child_ids.includes(a.id))).length);
  const button = page.getByRole('button', { name: 'Copy delete list (12)' });
  await expect(button).toBeEnabled();
  await button.click();
  // The clipboard is written asynchronously: wait for the list.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText().then((t) => t.split('\n').length))).toBe(12);
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
  expect(lines).toHaveLength(12);
  const byId = new Map(artifacts.map((a) => [a.id, a]));
  const index = artifacts.find((a) => a.child_ids.length);
  const at = lines.indexOf(`kcr.io/tiny@${index.digest}`);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(lines.slice(at + 1, at + 1 + index.child_ids.length)).toEqual(index.child_ids.map((c) => `kcr.io/tiny@${byId.get(c).digest}`));
});

test('an incomplete listing gives no delete list, and says why', async ({ page }) => {
  await page.goto(katapultUrl('malformed', '&keep_tag=v9*'));
  await loadWithToken(page, TOKEN);
  await expect(summary(page)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Copy delete list/ })).toBeDisabled();
  await expect(page.getByText('Incomplete — decisions may change: some records could not be read.').first()).toBeVisible();
});

test('Copy link pins the moment decisions count from; a saved policy fills the rules', async ({ page }) => {
  await page.goto(katapultUrl('tiny', '&keep_pushed_within=7'));
  await loadWithToken(page, TOKEN);
  await expect(summary(page)).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  // The clipboard is written asynchronously: wait for it, as the button's "Link copied" does.
  const asOf = /[?&]as_of=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\dZ|[?&]as_of=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/;
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(asOf);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('keep_pushed_within=7');

  await page.getByLabel('Saved policies').selectOption({ label: 'Releases only' });
  await expect(page).toHaveURL(/[?&]keep_tag=v\*/);
});

test('on the demo data: a policy link shows its decisions in the Plan column', async ({ page }) => {
  await page.goto('./?keep_tag=v*&keep_recent=5:nightly-*&keep_pushed_within=14&plan=delete');
  await expect(summary(page)).toHaveText(/^Plan: delete [\d,]+ of [\d,]+ artifacts \(.+\), keep [\d,]+, [\d,]+ unknown$/);
  await expect(grid(page).header('Plan')).toBeVisible();
  const badges = grid(page).rows.locator('.plan-badge');
  await expect(badges.first()).toHaveText('Delete');
  for (const text of await badges.allTextContents()) expect(text).toBe('Delete');
  // No deleted row carries a tag a rule keeps.
  for (const tags of await grid(page).rows.locator('td.col-tags').allTextContents()) expect(tags).not.toMatch(/\bv\d/);
});

test('on SWR through a proxy: the same rules decide over the grouped artifacts', async ({ page }) => {
  await page.goto(swrUrl('team/web', { proxy: PROXY, extra: '&keep_tag=latest' }));
  await loadWithToken(page, SWR_TOKEN);
  await expect(summary(page)).toHaveText(/^Plan: delete [\d,]+ of [\d,]+ artifacts/);
  const latest = grid(page).rows.filter({ hasText: 'latest' }).first();
  await expect(latest.locator('.plan-badge')).toHaveText('Keep');
  await expect(latest).toContainText('tag latest matches latest');
});

test('a rule change redraws the Plan column of every row shown, manifests of an expanded index included', async ({ page }) => {
  await page.goto('./?keep_pushed_within=1&sort=digest&order=asc');
  await expect(summary(page)).toBeVisible();
  const g = grid(page);
  await g.rows.getByRole('button', { name: /manifests$/ }).first().click();
  const rows = page.locator('table.artifacts tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(25); // the index's manifests are rows of their own
  const otherCells = () => rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, -1).map((td) => td.textContent).join('|')));
  const planCells = () => rows.evaluateAll((trs) => trs.map((tr) => tr.cells[tr.cells.length - 1].textContent));
  const [before, decided] = [await otherCells(), await planCells()];
  expect(decided.filter((text) => /^Delete no rule keeps it$/.test(text)).length).toBeGreaterThan(1);

  const field = page.getByLabel('Keep pushed within (days)');
  await field.fill('36500');
  await field.press('Enter');
  await expect(page).toHaveURL(/keep_pushed_within=36500/);
  // Every row pushed in the last 100 years is kept now, manifests with their index.
  await expect.poll(async () => (await planCells()).filter((text) => /no rule keeps it/.test(text))).toEqual([]);
  expect((await planCells()).filter((text) => /within 36500 days|of kept index/.test(text)).length).toBe(count);
  expect(await otherCells()).toEqual(before);

  await field.fill('1');
  await field.press('Enter');
  await expect(page).toHaveURL(/keep_pushed_within=1(&|$)/);
  await expect.poll(planCells).toEqual(decided);
  expect(await otherCells()).toEqual(before);
});
