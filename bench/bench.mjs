// Lading benchmark: bundle size, start-up, loading 10k / 100k artifacts from the mock
// Katapult API (with per-request latency), interaction latency and DOM size on 100k.
// Prints a table and writes it to bench/results.md. Run with `make bench`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { cpus } from 'node:os';
import { chromium } from '@playwright/test';
import { generate, TOKEN } from '../tests/mock/katapult.mjs';
import { median, waitFor } from './common.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// Another build to compare (e.g. opt-level "s"): BENCH_DIST=/path/to/dist; results then go to stdout only.
const DIST = process.env.BENCH_DIST ?? 'dist';
const LATENCY = Number(process.env.BENCH_LATENCY ?? 50);
const WEB = 4273;
const MOCK = 4274;
const BASE = `http://127.0.0.1:${WEB}/lading/`;
// The hand-written baseline (bench/baseline/) with Lading's built CSS, served in-process.
const BASELINE_PORT = 4275;
const BASELINE = `http://127.0.0.1:${BASELINE_PORT}/baseline/`;
const MOCK_URL = `http://127.0.0.1:${MOCK}`;

const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${Math.round(n)} ms`;

function start(cmd, args) {
  const child = spawn(cmd, args, { stdio: 'ignore' });
  return child;
}

// Each file raw, gzipped by zlib at level 9, as the build's serve-ready `.gz` (Zopfli) and
// `.br` that a host sends; the budget is read on what is sent.
function bundle() {
  const files = readdirSync(DIST).filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
  const rows = [];
  const total = { gz9: 0, gz: 0, br: 0 };
  for (const f of files) {
    const body = readFileSync(`${DIST}/${f}`);
    const gz9 = gzipSync(body, { level: 9 }).length;
    const sent = (ext, make) => (existsSync(`${DIST}/${f}.${ext}`) ? statSync(`${DIST}/${f}.${ext}`).size : make());
    const gz = sent('gz', () => gz9);
    const br = sent('br', () => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
    total.gz9 += gz9;
    total.gz += gz;
    total.br += br;
    rows.push([f.endsWith('.wasm') ? 'wasm' : 'JS', kb(body.length), kb(gz9), kb(gz), kb(br)]);
  }
  return { rows, total };
}

/** Installs, before any page script, observers that timestamp first rows and the status. */
const OBSERVE = () => {
  window.__marks = {};
  // Long tasks, for the idle-time work after a load (sort orders, plan facts).
  window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask' });
  addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail.wasm));
  const check = () => {
    const m = window.__marks;
    if (!m.firstRows && document.querySelector('tbody tr.artifact')) {
      m.firstRowsDom = performance.now();
      requestAnimationFrame(() => setTimeout(() => (m.firstRows = performance.now())));
    }
    const status = document.querySelector('[role=status]')?.textContent ?? '';
    if (window.__expect && !m.done && status.includes(window.__expect) && !document.querySelector('progress')) {
      m.doneDom = performance.now();
      requestAnimationFrame(() => setTimeout(() => (m.done = performance.now())));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
};

async function startup(browser) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage();
    await page.addInitScript(OBSERVE);
    await page.goto(BASE);
    await page.waitForFunction(() => window.__marks.firstRows);
    times.push(await page.evaluate(() => window.__marks.firstRows));
    await page.close();
  }
  return median(times);
}

async function heapSampler(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stop = true;
    await loop;
    return peak;
  };
}

/** Samples wasm memory (`window.__wasm.memory.buffer.byteLength`) every 50 ms while a
 * listing loads; returns its peak. (Wasm memory only grows: the size after the load differs
 * from this peak by what the last page and the idle-time work after it added.) */
async function wasmSampler(page) {
  let peak = 0;
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const bytes = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0).catch(() => 0);
      peak = Math.max(peak, bytes);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stop = true;
    await loop;
    return peak;
  };
}

/** Wasm memory once the work Lading does in idle time after a load (every sort order, the
 * plan's facts) is done: the size that stays. Read every 500 ms until it has not changed for
 * 3 s (at most 30 s). */
async function settledWasmMemory(page) {
  const read = () => page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  let [bytes, since] = [await read(), Date.now()];
  for (const start = Date.now(); Date.now() - since < 3000 && Date.now() - start < 30_000; ) {
    await page.waitForTimeout(500);
    const now = await read();
    if (now !== bytes) [bytes, since] = [now, Date.now()];
  }
  return bytes;
}

/** `kind`: the mock's `gen` repositories (a tag each, few annotations) or `rich` (the same
 * artifacts with three tags and two OCI annotations each, for the memory figure). */
async function loadRepo(browser, n, run, base = BASE, extra = '', kind = 'gen') {
  const repo = `${kind}-${n}~r${run}x${Date.now()}`;
  const artifacts = generate(`gen-${n}`, n);
  const children = new Set(artifacts.flatMap((a) => a.child_ids));
  const rows = artifacts.length - artifacts.filter((a) => children.has(a.id)).length;
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error on ${base}: ${e.message}`));
  await page.addInitScript(OBSERVE);
  await page.goto(`${base}?${extra}provider=katapult&endpoint=${encodeURIComponent(MOCK_URL)}&region=uk-lon-01&repository=${encodeURIComponent(repo)}`);
  await page.getByLabel('API token').fill(TOKEN);
  const stopHeap = await heapSampler(page);
  const stopWasm = await wasmSampler(page);
  await page.evaluate((expect) => {
    window.__expect = `of ${expect.toLocaleString('en-US')} artifacts`;
    window.__marks.load = performance.now();
    document.querySelector('form.connect button[type=submit]').click();
  }, rows);
  await page.waitForFunction(() => window.__marks.done, null, { timeout: 180_000, polling: 100 });
  const marks = await page.evaluate(() => window.__marks);
  const peak = await stopHeap();
  const wasmPeak = await stopWasm();
  const wasmAtDone = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  const wasmMemory = await settledWasmMemory(page);
  const log = await (await fetch(`${MOCK_URL}/__requests`)).json();
  const requests = log.filter((r) => r.repository === repo).length;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapAfter = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  await cdp.detach();
  return { page, first: marks.firstRows - marks.load, all: marks.done - marks.load, requests, heap: peak, heapAfter: heapAfter ?? 0, wasm: wasmMemory, wasmPeak: Math.max(wasmPeak, wasmAtDone), rows };
}

/** One interaction measured the way browsers report INP. The input is trusted (Playwright's
 * mouse and keyboard, not a script's `click()`). Two figures: the Event Timing duration of
 * the interaction (input → the paint after its handlers, style/layout/paint included, as a
 * `PerformanceObserver` on `event` entries reports it), and input `timeStamp` → the end of
 * the first frame after the DOM changed (a rAF, then a MessageChannel task after it). */
async function interact(page, action) {
  await page.evaluate(() => {
    window.__et ??= [];
    if (!window.__etObserver) {
      window.__etObserver = new PerformanceObserver((list) => window.__et.push(...list.getEntries().filter((e) => e.interactionId)));
      window.__etObserver.observe({ type: 'event', durationThreshold: 16 });
    }
    window.__et.length = 0;
    window.__input = null;
    // The marks bound each interaction in a trace (see scriptingPerInteraction).
    const first = (e) => {
      if (window.__input != null) return;
      window.__input = e.timeStamp;
      performance.mark('bench:input');
    };
    for (const type of ['pointerdown', 'keydown']) addEventListener(type, first, { capture: true, once: true });
    window.__frameEnd = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        obs.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            performance.mark('bench:frame');
            resolve(performance.now());
          };
          channel.port2.postMessage(0);
        });
      });
      obs.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
      setTimeout(() => resolve(null), 5000);
    });
  });
  const target = page.locator(action.selector);
  if (action.kind === 'click') await target.click();
  if (action.kind === 'key') await target.press(action.key);
  if (action.kind === 'change') {
    await target.fill(action.value);
    await page.evaluate(() => (window.__input = null));
    await target.press('Enter');
  }
  const frame = await page.evaluate(async () => {
    const end = await window.__frameEnd;
    return end === null || window.__input === null ? null : end - window.__input;
  });
  // Event Timing entries are delivered after the paint they measure.
  await page.waitForTimeout(100);
  const event = await page.evaluate(() => Math.max(0, ...window.__et.map((e) => e.duration)));
  return { frame: frame ?? 5000, event };
}

/** Types a word key by key, 60 ms apart, as a person would; returns the longest main-thread
 * task seen meanwhile (a task over 50 ms is input the page could not take). */
async function typingBlock(page) {
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const input = page.getByRole('searchbox', { name: 'Tag filter' });
  await input.fill('');
  await input.pressSequentially('v0.12', { delay: 60 });
  await page.waitForTimeout(300);
  const longest = await page.evaluate(() => window.__longest);
  await input.fill('');
  return longest;
}

const ACTIONS = {
  'sort (column header)': (i) => ({ kind: 'click', selector: i % 2 ? 'th.col-digest button' : 'th.col-size button' }),
  'architecture filter toggle': () => ({ kind: 'click', selector: 'input[id="architecture-arm64"]' }),
  'type one character in the tag filter': (i) => ({ kind: 'key', selector: '#tag-filter', key: i % 2 ? 'Backspace' : 'v' }),
  'next page': () => ({ kind: 'click', selector: 'nav[aria-label=Pagination] a[rel=next]' }),
  // 1 day keeps none of the mock's pushes, 100 years keeps all: every change flips every
  // decision, so each one repaints the Plan column and the plan's summary.
  'change a cleanup-plan rule': (i) => ({ kind: 'change', selector: '#keep-pushed-within', value: i % 2 ? '36500' : '1' }),
};
const REPS = Math.max(RUNS * 2, 10);

/** One kind of interaction, `REPS` times in a row on one page. */
async function interactions(page, make) {
  const runs = [];
  for (let i = 0; i < REPS; i++) runs.push(await interact(page, make(i)));
  const frames = runs.map((r) => r.frame);
  const events = runs.map((r) => r.event);
  return { median: median(frames), p95: p95(frames), event: median(events), eventP95: p95(events) };
}

// Scripting time per interaction, from a Chromium trace (devtools.timeline, the categories
// DevTools' Performance panel records). Within each interaction's window — from the
// `bench:input` mark (set in the first input listener, capture phase) to the `bench:frame`
// mark (the MessageChannel task after the first rAF after the DOM change) — on the page's
// renderer main thread, it sums the *top-level* script events: EventDispatch, FunctionCall,
// TimerFire, FireAnimationFrame, FireIdleCallback, RunMicrotasks, EvaluateScript, GC.
// Top-level means not nested inside another counted event: script events nest (a
// FunctionCall inside an EventDispatch, RunMicrotasks at the end of a FunctionCall, GC inside
// either), so summing every one would count the same milliseconds two or three times. A
// forced style/layout inside a script event is counted as scripting (the script caused it,
// and it lies inside that event); style, layout and paint outside script events are summed
// apart as "rendering". Events are clipped to the window. Wasm runs inside these events
// (wasm-bindgen's glue is called from event listeners, microtasks and rAF), so Lading's wasm
// time is in its figure; the bench's own listeners (the mark, a MutationObserver, rAF and
// MessageChannel callbacks) run on both pages and cost microseconds.
const TRACE_CATEGORIES = ['devtools.timeline', 'blink.user_timing', 'v8', 'disabled-by-default-v8.gc'];
const SCRIPT_EVENTS = new Set([
  'EventDispatch', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'RunMicrotasks',
  'EvaluateScript', 'v8.evaluateModule', 'v8.compile', 'v8.compileModule', 'MajorGC', 'MinorGC', 'V8.GCScavenger',
  'V8.GCFinalizeMC', 'V8.GCIncrementalMarking', 'V8.GC_MC_BACKGROUND_MARKING', 'ParseHTML', 'XHRReadyStateChange',
]);
const RENDER_EVENTS = new Set([
  'UpdateLayoutTree', 'RecalculateStyles', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'UpdateLayerTree',
  'CompositeLayers', 'Commit', 'HitTest', 'IntersectionObserverController::computeIntersections',
]);

function traceFigures(trace) {
  const events = trace.traceEvents ?? trace;
  const marks = events.filter((e) => e.name === 'bench:input' || e.name === 'bench:frame').sort((a, b) => a.ts - b.ts);
  if (!marks.length) return null;
  const { pid, tid } = marks[0];
  const windows = [];
  let open = null;
  for (const m of marks) {
    if (m.name === 'bench:input' && open === null) open = m.ts;
    else if (m.name === 'bench:frame' && open !== null) windows.push([open, m.ts]), (open = null);
  }
  const thread = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const script = windows.map(() => 0);
  const render = windows.map(() => 0);
  let coveredUntil = -Infinity;
  let w = 0;
  for (const e of thread) {
    const kind = SCRIPT_EVENTS.has(e.name) ? script : RENDER_EVENTS.has(e.name) ? render : null;
    if (!kind || e.ts < coveredUntil) continue;
    coveredUntil = e.ts + e.dur;
    while (w < windows.length && windows[w][1] <= e.ts) w++;
    for (let k = w; k < windows.length && windows[k][0] < e.ts + e.dur; k++) {
      const overlap = Math.min(e.ts + e.dur, windows[k][1]) - Math.max(e.ts, windows[k][0]);
      if (overlap > 0) kind[k] += overlap / 1000;
    }
  }
  return { windows: windows.length, script: median(script), render: median(render) };
}

/** The same interactions again (`TRACE_REPS` of each) under a trace, for scripting times. */
const TRACE_REPS = Math.max(RUNS, 4) & ~1; // even, so toggles end where they began
async function traced(browser, page, make) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  for (let i = 0; i < TRACE_REPS; i++) await interact(page, make(i));
  const buffer = await browser.stopTracing();
  return traceFigures(JSON.parse(buffer.toString()));
}

/** What both pages must agree on after the same interactions: the status line, the page's
 * rows (tags, platform, size, plan), the facet counts, the plan summary and the URL's query
 * (but the repository name, which carries a per-load suffix). */
async function snapshot(page) {
  return page.evaluate(() => {
    const text = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
    const q = new URLSearchParams(location.search);
    q.delete('repository');
    return {
      status: text('[role=status]').join(),
      rows: text('table.artifacts tbody tr.artifact td:is(.col-tags, .col-platform, .col-size, .col-plan .plan-badge)').join(' | '),
      facets: text('fieldset.checks .check label').join(', '),
      plan: text('.plan-summary').join(),
      query: q.toString(),
    };
  });
}
function differences(a, b) {
  return Object.keys(a).filter((k) => a[k] !== b[k]).map((k) => `${k}: Lading «${a[k].slice(0, 160)}» vs baseline «${b[k].slice(0, 160)}»`);
}

/** Serves bench/baseline/ under /baseline/, with dist's built CSS as main.css. */
function serveBaseline() {
  const css = readdirSync(DIST).find((f) => /^main-.*\.css$/.test(f));
  const files = {
    '/baseline/': ['bench/baseline/index.html', 'text/html; charset=utf-8'],
    '/baseline/index.html': ['bench/baseline/index.html', 'text/html; charset=utf-8'],
    '/baseline/baseline.js': ['bench/baseline/baseline.js', 'text/javascript'],
    '/baseline/main.css': [`${DIST}/${css}`, 'text/css'],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (!file) return res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' }).end(readFileSync(file[0]));
  });
  server.listen(BASELINE_PORT, '127.0.0.1');
  return server;
}

// bench/config.json allow-lists the mock, so loads start without the confirmation dialog.
const web = start('node', ['tests/e2e/serve.mjs', '--root', DIST, '--prefix', '/lading/', '--port', String(WEB), '--config', 'bench/config.json']);
const mock = start('node', ['tests/mock/server.mjs', '--port', String(MOCK), '--latency', String(LATENCY)]);
const baselineServer = serveBaseline();
try {
  await waitFor(BASE);
  await waitFor(`${MOCK_URL}/__requests`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out = [];
  const line = (s = '') => {
    out.push(s);
    console.log(s);
  };
  const { rows: bundleRows, total } = bundle();
  line(`# Lading benchmark — ${new Date().toISOString().slice(0, 10)}`);
  line();
  line(`Machine: ${cpus().length} × ${cpus()[0].model.trim()}, headless Chromium ${browser.version()}; median of ${RUNS} runs; mock latency ${LATENCY} ms per request.`);
  line();
  line('| bundle | raw | gzip -9 (zlib) | gzip as served (.gz, Zopfli) | brotli as served (.br) |');
  line('|---|---|---|---|---|');
  for (const r of bundleRows) line(`| ${r.join(' | ')} |`);
  line(`| **wasm + JS** | | ${kb(total.gz9)} | **${kb(total.gz)}** | ${kb(total.br)} |`);
  line();
  line(`| start-up | median |`);
  line('|---|---|');
  line(`| navigation → first demo rows painted | ${ms(await startup(browser))} |`);
  line();
  line('| Katapult mock | first rows after Load | all pages loaded | requests | peak JS heap | wasm memory, peak during load | wasm memory after, idle work done |');
  line('|---|---|---|---|---|---|---|');
  let big = null;
  for (const n of [10_000, 100_000]) {
    const runs = [];
    for (let i = 0; i < (n > 10_000 ? Math.min(RUNS, 3) : RUNS); i++) {
      const r = await loadRepo(browser, n, i);
      runs.push(r);
      if (n === 100_000 && !big) big = r.page;
      else await r.page.close();
    }
    const mb = (xs) => `${(median(xs) / 2 ** 20).toFixed(1)} MB`;
    line(`| ${n.toLocaleString('en-US')} artifacts | ${ms(median(runs.map((r) => r.first)))} | ${ms(median(runs.map((r) => r.all)))} | ${median(runs.map((r) => r.requests))} | ${mb(runs.map((r) => r.heap))} | ${mb(runs.map((r) => r.wasmPeak))} | ${mb(runs.map((r) => r.wasm))} |`);
  }
  // Memory on data shaped like a real repository's: three tags and two annotations each.
  const rich = await loadRepo(browser, 100_000, 0, BASE, '', 'rich');
  line(`| 100,000 artifacts, three tags and two OCI annotations each | ${ms(rich.first)} | ${ms(rich.all)} | ${rich.requests} | ${(rich.heap / 2 ** 20).toFixed(1)} MB | ${(rich.wasmPeak / 2 ** 20).toFixed(1)} MB | ${(rich.wasm / 2 ** 20).toFixed(1)} MB |`);
  await rich.page.close();
  // The hand-written baseline, loading the same 100,000 artifacts from the same mock.
  const base = await loadRepo(browser, 100_000, 0, BASELINE);
  line(`| 100,000 artifacts, hand-written baseline (bench/baseline/) | ${ms(base.first)} | ${ms(base.all)} | ${base.requests} | ${(base.heap / 2 ** 20).toFixed(1)} MB (${(base.heapAfter / 2 ** 20).toFixed(1)} MB after) | — | — |`);
  const baseline = base.page;
  // The same baseline with its history write moved after the frame (?defer_history=1).
  const deferred = (await loadRepo(browser, 100_000, 1, BASELINE, 'defer_history=1&')).page;
  line();
  line(`Interactions on 100,000 artifacts, trusted Playwright input, ${REPS} of each on each page, Lading and the hand-written baseline (bench/baseline/) in the same run, alternating per interaction kind. "frame": input \`timeStamp\` → end of the first frame after the DOM change; "ET": Event Timing duration (\`< 16\` = below the observer's 16 ms threshold); "script" / "render": median per interaction from a Chromium trace of ${TRACE_REPS} more of each (top-level script events; style, layout and paint outside them).`);
  line();
  line('| interaction | Lading frame median | baseline frame median | ratio | Lading frame p95 | baseline frame p95 | Lading ET median | baseline ET median | Lading ET p95 | baseline ET p95 | Lading script | baseline script | Lading render | baseline render |');
  line('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const idle = await big.evaluate(() => ({ since: performance.now() - window.__marks.done, longest: Math.max(0, ...window.__long.filter(([t]) => t > window.__marks.done).map(([, d]) => d)) }));
  await big.evaluate(() => performance.clearMeasures('lading:plan'));
  // Event Timing reports only interactions of 16 ms or more.
  const et = (d) => (d > 0 ? ms(d) : '< 16 ms');
  const ms1 = (d) => (d === undefined || d === null ? '—' : `${d.toFixed(1)} ms`);
  const own = {};
  const variant = {};
  const timedLading = {};
  const timedBaseline = {};
  const mismatches = differences(await snapshot(big), await snapshot(baseline)).map((d) => `before: ${d}`);
  for (const [name, make] of Object.entries(ACTIONS)) {
    const l = await interactions(big, make);
    await baseline.evaluate(() => performance.clearMeasures());
    const b = await interactions(baseline, make);
    variant[name] = await interactions(deferred, make);
    own[name] = await baseline.evaluate(() => ['baseline:update', 'baseline:history'].map((n) => performance.getEntriesByName(n).map((e) => e.duration)));
    const lt = await traced(browser, big, make);
    const bt = await traced(browser, baseline, make);
    for (const [who, t] of [['Lading', lt], ['baseline', bt]]) {
      if (t?.windows !== TRACE_REPS) console.error(`trace of "${name}" on ${who}: ${t?.windows ?? 0} interaction windows found, ${TRACE_REPS} expected`);
    }
    timedLading[name] = l;
    timedBaseline[name] = b;
    mismatches.push(...differences(await snapshot(big), await snapshot(baseline)).map((d) => `after "${name}": ${d}`));
    line(`| ${name} | ${ms(l.median)} | ${ms(b.median)} | ${(l.median / b.median).toFixed(2)} | ${ms(l.p95)} | ${ms(b.p95)} | ${et(l.event)} | ${et(b.event)} | ${et(l.eventP95)} | ${et(b.eventP95)} | ${ms1(lt?.script)} | ${ms1(bt?.script)} | ${ms1(lt?.render)} | ${ms1(bt?.render)} |`);
  }
  line();
  line(`Idle-time work after a load (every sort order, the plan's facts): in the ${(idle.since / 1000).toFixed(1)} s between Lading's 100,000 load and the interactions (the other loads running in other tabs meanwhile), the longest main-thread task in its tab: ${idle.longest ? ms(idle.longest) : 'none over 50 ms'}.`);
  line();
  line(mismatches.length ? `**The baseline showed something else than Lading** — ${mismatches.join('; ')}.` : 'The baseline showed what Lading showed after every kind of interaction (status line, rows, facet counts, plan summary, URL query).');
  line();
  line("The baseline's own work per interaction (User Timing in bench/baseline/baseline.js: handler start → before the history write; then pushState/replaceState alone), median / p95:");
  line();
  line('| interaction | baseline update | baseline history write |');
  line('|---|---|---|');
  for (const [name, [update, hist]] of Object.entries(own)) line(`| ${name} | ${ms1(median(update))} / ${ms1(p95(update))} | ${ms1(median(hist))} / ${ms1(p95(hist))} |`);
  line();
  line('The baseline with its history write after the frame (`?defer_history=1`: `pushState`/`replaceState` in a task after the next rAF, out of the interaction), same run:');
  line();
  line('| interaction | Lading frame median | baseline frame median, history in the handler | baseline frame median, history after the frame | p95 | baseline ET median, history after the frame | p95 |');
  line('|---|---|---|---|---|---|---|');
  for (const [name, v] of Object.entries(variant)) line(`| ${name} | ${ms(timedLading[name].median)} | ${ms(timedBaseline[name].median)} | ${ms(v.median)} | ${ms(v.p95)} | ${et(v.event)} | ${et(v.eventP95)} |`);
  await deferred.close();
  // The plan's own work on each rule change (the app marks it as the measure "lading:plan").
  const evaluations = await big.evaluate(() => performance.getEntriesByName('lading:plan').map((e) => e.duration));
  line();
  line(`Cleanup plan evaluated over 100,000 artifacts (User Timing \`lading:plan\`): ${evaluations.length ? `median ${ms(median(evaluations))}, p95 ${ms(p95(evaluations))}` : 'no measures'}.`);
  await baseline.close();
  const longest = await typingBlock(big);
  line();
  line(`Typing "v0.12" key by key (60 ms apart) on 100,000 artifacts, filtering on every keystroke: longest main-thread task ${longest ? ms(longest) : 'none over 50 ms'}.`);
  const trs = await big.evaluate(() => document.querySelectorAll('table.artifacts tbody tr').length);
  const perPage = await big.evaluate(() => document.getElementById('page-size').value);
  line();
  line(`DOM: ${trs} \`<tr>\` in the grid body at page size ${perPage} (no rows expanded).`);
  if (DIST === 'dist') writeFileSync('bench/results.md', out.join('\n') + '\n');
  await browser.close();
} finally {
  web.kill();
  mock.kill();
  baselineServer.close();
}
