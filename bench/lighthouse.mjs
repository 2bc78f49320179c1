// Lighthouse on the demo page, as make bench runs it (issue 13): the release build in dist/
// served by tests/e2e/serve.mjs, which sends the build's precompressed .br/.gz files with
// Content-Encoding like a real host (checked first: the run fails if the wasm arrives
// uncompressed). Lighthouse's default mobile preset (simulated slow 4G, 4× CPU slowdown),
// driving Debian's Chromium (CHROME_PATH), 3 runs (LIGHTHOUSE_RUNS); prints the median of
// each figure and, from the median run, the LCP element, its breakdown, what makes up the
// TBT, and the failing accessibility / best-practices audits. Appends the same lines to
// bench/results.md when called with --append (make bench does, after bench.mjs).
//   node bench/lighthouse.mjs [--append]
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, waitFor } from './common.mjs';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const DIST = process.env.BENCH_DIST ?? 'dist';
const PORT = 4276;
const URL_ = `http://127.0.0.1:${PORT}/lading/`;
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

const out = [];
const line = (s = '') => {
  out.push(s);
  console.log(s);
};

/** The wasm, JS and CSS must arrive compressed, as from a real host; otherwise the figures
 * would be Lighthouse's on a misconfigured server (LCP 5.6 s instead of 2.75 s, measured). */
async function assertCompressed() {
  const assets = readdirSync(DIST).filter((f) => /\.(wasm|js|css)$/.test(f));
  for (const f of assets) {
    const res = await fetch(URL_ + f, { headers: { 'accept-encoding': 'br, gzip' } });
    const encoding = res.headers.get('content-encoding');
    await res.arrayBuffer();
    if (!res.ok || !['br', 'gzip'].includes(encoding)) {
      throw new Error(`${f} was served with content-encoding ${encoding ?? 'none'} (HTTP ${res.status}): dist/ lacks ${f}.br / ${f}.gz (scripts/precompress.mjs runs after every trunk build)`);
    }
  }
  return assets.length;
}

function runOnce(dir, k) {
  const path = join(dir, `run-${k}.json`);
  const r = spawnSync(
    'node_modules/.bin/lighthouse',
    [URL_, '--output=json', `--output-path=${path}`, `-GA=${join(dir, `artifacts-${k}`)}`, '--only-categories=performance,accessibility,best-practices', `--chrome-flags=${CHROME_FLAGS}`, '--quiet'],
    { env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 },
  );
  if (r.status !== 0) throw new Error(`lighthouse exited with ${r.status ?? r.signal}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

const msOf = (lhr, id) => lhr.audits[id]?.numericValue;
/** The failing audits of a category: scored, not passed (score < 1). */
function failing(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
    .map((a) => `${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}${what(a)}`);
}
/** The first few things an audit names (elements, selectors, URLs), to know where to look. */
function what(audit) {
  const items = (audit.details?.items ?? []).slice(0, 4).map((i) => {
    const node = i.node ?? i.selector?.node;
    const label = node?.selector ?? node?.snippet ?? (typeof i.selector === 'string' ? i.selector : null) ?? i.scriptUrl ?? i.url ?? i.source?.url ?? i.description;
    const extra = i.fontSize ? ` ${i.fontSize}` : i.coverage ? ` ${i.coverage}` : i.error ? ` ${i.error}` : '';
    return label ? `${String(label).replace(URL_, '').slice(0, 100)}${extra}` : null;
  });
  const named = items.filter(Boolean);
  return named.length ? ` — ${named.join(', ')}` : '';
}

/** The LCP element and its phases, from the audit `largest-contentful-paint-element`. */
function lcpElement(lhr) {
  const audit = lhr.audits['largest-contentful-paint-element'];
  const tables = (audit?.details?.items ?? []).filter((t) => t?.type === 'table');
  const node = tables[0]?.items?.[0]?.node;
  const phases = (tables[1]?.items ?? []).map((p) => `${p.phase} ${Math.round(p.timing)} ms`);
  return {
    element: node ? `${node.nodeLabel ?? ''} — \`${node.selector ?? ''}\` — \`${(node.snippet ?? '').slice(0, 160)}\`` : 'none named',
    phases,
    // The grid is `table.artifacts`; Lighthouse's selector is the element's CSS path.
    inGrid: /table\.artifacts/.test(node?.selector ?? ''),
  };
}

/** What makes up the TBT: the long tasks (audit `long-tasks`) and script time per URL
 * (`bootup-time`), and the main-thread breakdown (`mainthread-work-breakdown`). */
function tbtSources(lhr) {
  const tasks = (lhr.audits['long-tasks']?.details?.items ?? []).map((t) => `${Math.round(t.duration)} ms at ${Math.round(t.startTime)} ms (${String(t.url).replace(URL_, '')})`);
  const bootup = (lhr.audits['bootup-time']?.details?.items ?? [])
    .filter((i) => i.total > 10)
    .map((i) => `${String(i.url).replace(URL_, '') || i.url}: ${Math.round(i.total)} ms total, ${Math.round(i.scripting)} ms script, ${Math.round(i.scriptParseCompile)} ms parse/compile`);
  const work = (lhr.audits['mainthread-work-breakdown']?.details?.items ?? []).map((i) => `${i.groupLabel ?? i.group} ${Math.round(i.duration)} ms`);
  return { tasks, bootup, work };
}

/** How Lighthouse's simulation (Lantern) arrives at the LCP it reports: the requests and
 * main-thread tasks of its LCP graph, with their simulated times, recomputed from the run's
 * saved trace and network log — what the figure waits for, and what a kilobyte costs. */
async function lanternLcp(artifactsDir) {
  const { loadArtifacts } = await import('lighthouse/core/lib/asset-saver.js');
  const { Audit } = await import('lighthouse/core/audits/audit.js');
  const { LanternLargestContentfulPaint } = await import('lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js');
  const { defaultSettings } = await import('lighthouse/core/config/constants.js');
  const artifacts = await loadArtifacts(artifactsDir);
  const context = { computedCache: new Map(), settings: { ...defaultSettings, ...artifacts.settings } };
  const lcp = await LanternLargestContentfulPaint.request(Audit.makeMetricComputationDataInput(artifacts, context), context);
  const nodes = [...lcp.pessimisticEstimate.nodeTimings].sort((a, b) => a[1].endTime - b[1].endTime);
  const name = (node) =>
    node.type === 'network'
      ? `${node.request.url.replace(URL_, '') || 'document'} (${(node.request.transferSize / 1024).toFixed(1)} KB)`
      : `main-thread task (${node.childEvents.filter((e) => e.dur > 1000).map((e) => e.name).slice(0, 3).join(', ')})`;
  const kbps = context.settings.throttling.throughputKbps;
  return {
    timing: lcp.timing,
    graph: nodes.map(([node, t]) => `${name(node)} ${Math.round(t.startTime)}–${Math.round(t.endTime)} ms`),
    msPerKb: (8 * 1024) / kbps,
  };
}

const server = spawn('node', ['tests/e2e/serve.mjs', '--root', DIST, '--prefix', '/lading/', '--port', String(PORT)], { stdio: 'ignore' });
const dir = mkdtempSync(join(tmpdir(), 'lading-lighthouse-'));
try {
  await waitFor(URL_);
  const checked = await assertCompressed();
  const runs = [];
  for (let k = 0; k < RUNS; k++) runs.push(runOnce(dir, k));
  const perf = runs.map((r) => r.categories.performance.score * 100);
  // The run whose performance score is the median one, for the element and breakdowns.
  const mid = runs[perf.indexOf(median(perf))];
  const fig = (id, unit = 'ms') => {
    const v = median(runs.map((r) => msOf(r, id)));
    return unit === 'ms' ? `${(v / 1000).toFixed(2)} s` : v.toFixed(3);
  };
  line();
  line(`## Lighthouse ${mid.lighthouseVersion}, mobile preset (simulated slow 4G, 4× CPU), demo page, median of ${RUNS} runs`);
  line();
  line(`Served by tests/e2e/serve.mjs from ${DIST}/ with Content-Encoding (checked for the ${checked} wasm/JS/CSS files); Chromium ${mid.environment?.hostUserAgent?.match(/Chrome\/([\d.]+)/)?.[1] ?? ''} at ${CHROME_PATH}.`);
  line();
  line('| performance | LCP | TBT | FCP | CLS | Speed Index | accessibility | best practices |');
  line('|---|---|---|---|---|---|---|---|');
  const score = (c) => Math.round(median(runs.map((r) => r.categories[c].score * 100)));
  line(
    `| **${Math.round(median(perf))}** (runs: ${perf.map(Math.round).join(', ')}) | ${fig('largest-contentful-paint')} | ${Math.round(median(runs.map((r) => msOf(r, 'total-blocking-time'))))} ms | ${fig('first-contentful-paint')} | ${fig('cumulative-layout-shift', 'n')} | ${fig('speed-index')} | ${score('accessibility')} | ${score('best-practices')} |`,
  );
  const lcp = lcpElement(mid);
  line();
  line(`LCP element (median run): ${lcp.element} — ${lcp.inGrid ? 'in the grid' : 'NOT in the grid'}`);
  if (lcp.phases.length) line(`LCP breakdown: ${lcp.phases.join(', ')}.`);
  const lantern = await lanternLcp(join(dir, `artifacts-${runs.indexOf(mid)}`));
  line(`LCP as Lighthouse simulates it (Lantern, median run: ${Math.round(lantern.timing)} ms), what it waits for: ${lantern.graph.join('; ')}. At the preset's throughput every KB on the way to the LCP adds ${lantern.msPerKb.toFixed(1)} ms.`);
  const tbt = tbtSources(mid);
  line(`Long tasks (median run, simulated): ${tbt.tasks.join('; ') || 'none'}.`);
  line(`Script time per URL (bootup-time): ${tbt.bootup.join('; ') || 'none over 10 ms'}.`);
  line(`Main-thread work: ${tbt.work.join(', ')}.`);
  const opportunities = Object.values(mid.audits)
    .filter((a) => a.details?.type === 'opportunity' && (a.numericValue ?? 0) > 0 && a.score !== null && a.score < 1)
    .map((a) => `${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  line(`Opportunities: ${opportunities.join('; ') || 'none'}.`);
  for (const c of ['accessibility', 'best-practices']) {
    const f = [...new Set(runs.flatMap((r) => failing(r, c)))];
    line(`Failing ${mid.categories[c].title.toLowerCase()} audits (any run): ${f.join('; ') || 'none'}.`);
  }
  if (process.argv.includes('--append') && DIST === 'dist') appendFileSync('bench/results.md', out.join('\n') + '\n');
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
