// What splitting the release wasm in two would give (`make split-experiment`; prints only, ships
// nothing): the functions that run while the demo page starts stay in a main module, the rest
// go to a second module fetched after the first rows. A measurement for the Lighthouse target,
// whose LCP waits for the whole wasm: would the main module be small enough, and what would
// the split cost the whole app's bytes (the 250 KB budget counts both modules)?
//
// 1. Profile: every function of dist's wasm is made to record its first call (binaryen.js), the
//    demo page is opened in Chromium, and the functions that ran are read back.
// 2. Split, as binaryen's wasm-split does: a moved function the main module still reaches (a
//    call, a table slot, an export) leaves a stub that calls a loader and then the function
//    through a new table slot, which the second module fills; the second module imports the
//    memory, tables, globals and every function it calls from the main one, which exports them.
//    A stub costs bytes, so `MIN` (bytes) keeps moved functions smaller than it in the main one.
// 3. Sizes of both halves against the unsplit wasm (zlib -9 and brotli 11).
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import binaryen from 'binaryen';
import { chromium } from '@playwright/test';

import { parse } from '../scripts/function-order.mjs';

const F = binaryen.Features;
// The features the release build uses (scripts/order-functions.mjs).
const FEATURES =
  F.BulkMemory | F.BulkMemoryOpt | F.CallIndirectOverlong | F.NontrappingFPToInt | F.SignExt | F.MutableGlobals | F.ReferenceTypes | F.Multivalue;
const MAIN = 'm';

function read(bytes) {
  const module = binaryen.readBinary(bytes);
  module.setFeatures(FEATURES);
  return module;
}

const functions = (module) =>
  Array.from({ length: module.getNumFunctions() }, (_, i) => binaryen.getFunctionInfo(module.getFunctionByIndex(i)));

/** `bytes` with each defined function first calling `hit(i)` (import `profile.hit`), i its
 * position among the defined functions. */
function instrument(bytes) {
  const module = read(bytes);
  module.addFunctionImport('__profile_hit', 'profile', 'hit', binaryen.i32, binaryen.none);
  let count = 0;
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const fn = module.getFunctionByIndex(i);
    const info = binaryen.getFunctionInfo(fn);
    if (info.module) continue;
    const hit = module.call('__profile_hit', [module.i32.const(count++)], binaryen.none);
    binaryen._BinaryenFunctionSetBody(fn, module.block(null, [hit, info.body], info.results));
  }
  if (!module.validate()) throw new Error('split-experiment.mjs: the instrumented module does not validate');
  return { bytes: module.emitBinary(), count };
}

/** Per function (by name): the functions its body calls or takes a reference to. */
function references(module) {
  const text = module.emitText();
  const refs = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    const head = /^ \(func \$(\S+)/.exec(line);
    if (head) {
      current = new Set();
      refs.set(head[1], current);
      continue;
    }
    if (!current) continue;
    for (const m of line.matchAll(/\((?:call|return_call|ref\.func) \$([^\s)]+)/g)) current.add(m[1]);
  }
  return refs;
}

/**
 * Splits `bytes` by `hot` (positions among the defined functions that must stay) and `keep`
 * (names of exports whose functions, and what they call, must stay too; the first is the
 * loader the stubs call). Returns both modules and what moved.
 */
function split(bytes, hot, keep, minStubbed) {
  const main = read(bytes);
  const { bodies } = parse(bytes);
  const all = functions(main);
  const defined = all.filter((f) => !f.module);
  const refs = references(main);
  const stays = new Set(defined.filter((_, i) => hot.has(i)).map((f) => f.name));
  // What the loader runs must stay: it cannot wait for itself.
  const exports = Array.from({ length: main.getNumExports() }, (_, i) => binaryen.getExportInfo(main.getExportByIndex(i)));
  const pending = exports.filter((e) => e.kind === binaryen.ExternalFunction && keep.includes(e.name)).map((e) => e.value);
  if (pending.length !== keep.length) throw new Error(`split-experiment.mjs: the wasm does not export ${keep.join(', ')}`);
  while (pending.length) {
    const name = pending.pop();
    if (!stays.has(name) && defined.some((f) => f.name === name)) stays.add(name);
    for (const callee of refs.get(name) ?? []) if (!stays.has(callee) && refs.has(callee)) pending.push(callee);
  }
  const bodySize = new Map(defined.map((f, i) => [f.name, bodies[i].length]));
  const moved = new Set(defined.filter((f) => !stays.has(f.name)).map((f) => f.name));
  // The moved functions the main module still reaches: each gets a stub and a slot. One
  // smaller than `minStubbed` bytes stays instead (its stub would cost about as much), which
  // may make others reached: until none is.
  const tableNames = [];
  for (let i = 0; i < main.getNumElementSegments(); i++) tableNames.push(...binaryen.getElementSegmentInfo(main.getElementSegmentByIndex(i)).data);
  let reached;
  for (;;) {
    reached = new Set();
    for (const name of stays) for (const callee of refs.get(name) ?? []) if (moved.has(callee)) reached.add(callee);
    for (const name of tableNames) if (moved.has(name)) reached.add(name);
    for (const e of exports) if (e.kind === binaryen.ExternalFunction && moved.has(e.value)) reached.add(e.value);
    const small = [...reached].filter((name) => bodySize.get(name) < minStubbed);
    if (!small.length) break;
    for (const name of small) {
      moved.delete(name);
      stays.add(name);
    }
  }
  if (!moved.size) return null;
  // What the moved functions call in the main module (functions that stay, and imports).
  const needed = new Set();
  for (const name of moved) for (const callee of refs.get(name) ?? []) if (!moved.has(callee)) needed.add(callee);

  const table = binaryen.getTableInfo(main.getTableByIndex(0));
  const base = table.initial;
  const slots = new Map([...reached].map((name, i) => [name, base + i]));
  const size = base + slots.size;
  const tableRef = main.getTableByIndex(0);
  binaryen._BinaryenTableSetInitial(tableRef, size);
  if (table.max !== undefined) binaryen._BinaryenTableSetMax(tableRef, Math.max(table.max, size));

  // The loader: the first export named in `keep`.
  const loader = exports.find((e) => e.name === keep[0]).value;
  const byName = new Map(all.map((f) => [f.name, f]));
  for (const name of moved) {
    if (!slots.has(name)) {
      main.removeFunction(name);
      continue;
    }
    const f = byName.get(name);
    const params = binaryen.expandType(f.params).map((type, i) => main.local.get(i, type));
    const body = main.block(null, [
      main.call(loader, [], binaryen.none),
      main.call_indirect(table.name, main.i32.const(slots.get(name)), params, f.params, f.results),
    ], f.results);
    main.removeFunction(name);
    main.addFunction(name, f.params, f.results, [], body);
  }
  // Exports for the second module, short names that compress.
  const exportName = new Map();
  for (const name of needed) {
    exportName.set(name, `f${exportName.size.toString(36)}`);
    main.addFunctionExport(name, exportName.get(name));
  }
  const tables = Array.from({ length: main.getNumTables() }, (_, i) => binaryen.getTableInfo(main.getTableByIndex(i)));
  tables.forEach((t, i) => main.addTableExport(t.name, `t${i}`));
  const globals = Array.from({ length: main.getNumGlobals() }, (_, i) => binaryen.getGlobalInfo(main.getGlobalByIndex(i)));
  globals.forEach((g, i) => main.addGlobalExport(g.name, `g${i}`));
  const memory = exports.find((e) => e.kind === binaryen.ExternalMemory);
  if (!memory) throw new Error('split-experiment.mjs: the wasm exports no memory');
  if (!main.validate()) throw new Error('split-experiment.mjs: the main module does not validate');

  // The second module: the same code, with everything but the moved functions imported.
  const second = read(bytes);
  for (let i = second.getNumExports() - 1; i >= 0; i--) second.removeExport(binaryen.getExportInfo(second.getExportByIndex(i)).name);
  for (let i = second.getNumElementSegments() - 1; i >= 0; i--)
    second.removeElementSegment(binaryen.getElementSegmentInfo(second.getElementSegmentByIndex(i)).name);
  for (const f of functions(second)) {
    if (moved.has(f.name)) continue;
    second.removeFunction(f.name);
    if (needed.has(f.name)) second.addFunctionImport(f.name, MAIN, exportName.get(f.name), f.params, f.results);
  }
  tables.forEach((t, i) => {
    const type = binaryen._BinaryenTableGetType(main.getTable(t.name));
    second.removeTable(t.name);
    second.addTableImport(t.name, MAIN, `t${i}`);
    // Type and sizes as the main module's (an import must not ask for more than it gets).
    const imported = second.getTable(t.name);
    binaryen._BinaryenTableSetType(imported, type);
    binaryen._BinaryenTableSetInitial(imported, t.name === table.name ? size : t.initial);
    const max = t.name === table.name && t.max !== undefined ? Math.max(t.max, size) : t.max;
    if (max !== undefined) binaryen._BinaryenTableSetMax(imported, max);
  });
  globals.forEach((g, i) => {
    second.removeGlobal(g.name);
    second.addGlobalImport(g.name, MAIN, `g${i}`, g.type, g.mutable);
  });
  // No data: the main module's segments have filled the memory already, and must not again.
  const info = main.getMemoryInfo(memory.value);
  second.setMemory(info.initial, info.max ?? -1, null, [], info.shared, info.is64, memory.value);
  second.addMemoryImport(memory.value, MAIN, 'memory', info.shared);
  second.addActiveElementSegment(table.name, 'slots', [...slots.keys()], second.i32.const(base));
  if (!second.validate()) throw new Error('split-experiment.mjs: the second module does not validate');
  return { main: main.emitBinary(), second: second.emitBinary(), moved: moved.size, stubs: slots.size, exported: needed.size };
}

const dist = 'dist';
const wasmName = readdirSync(dist).find((n) => n.endsWith('_bg.wasm'));
const jsName = readdirSync(dist).find((n) => /^lading-[0-9a-f]+\.js$/.test(n));
if (!wasmName || !jsName) throw new Error('split-experiment.mjs: build first (make build)');
const bytes = readFileSync(join(dist, wasmName));

// 1. Profile the demo page's start (first rows, then 3 s of idle-time work).
const { bytes: instrumented, count } = instrument(bytes);
const copy = join(tmpdir(), 'lading-split-profile');
rmSync(copy, { recursive: true, force: true });
cpSync(dist, copy, { recursive: true });
for (const f of readdirSync(copy)) if (/\.(br|gz)$/.test(f)) rmSync(join(copy, f));
writeFileSync(join(copy, wasmName), instrumented);
const glue = readFileSync(join(copy, jsName), 'utf8');
if (!glue.includes('"./lading_bg.js":')) throw new Error('split-experiment.mjs: the glue has no import object to add the profile to');
writeFileSync(join(copy, jsName), glue.replace('"./lading_bg.js":', `profile:{hit:e=>{(globalThis.__hits??=new Uint8Array(${count}))[e]=1}},"./lading_bg.js":`));
// The bytes changed: drop the integrity pins.
writeFileSync(join(copy, 'index.html'), readFileSync(join(copy, 'index.html'), 'utf8').replace(/ integrity=("[^"]*"|\S+)/g, ''));
const PORT = 4303;
const server = spawn('node', ['tests/e2e/serve.mjs', '--root', copy, '--prefix', '/lading/', '--port', String(PORT)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let hot;
try {
  const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
  await page.goto(`http://127.0.0.1:${PORT}/lading/`);
  await page.waitForSelector('tbody tr.artifact', { timeout: 30000 });
  await page.waitForTimeout(3000);
  hot = new Set(await page.evaluate(() => [...globalThis.__hits].flatMap((x, i) => (x ? [i] : []))));
} finally {
  await browser.close();
  server.kill();
  rmSync(copy, { recursive: true, force: true });
}

// 2 and 3. The loader: any exported function without parameters stands in for it (the
// experiment measures bytes; nothing runs the split modules).
const probe = read(bytes);
const loader = Array.from({ length: probe.getNumExports() }, (_, i) => binaryen.getExportInfo(probe.getExportByIndex(i))).find((e) => {
  if (e.kind !== binaryen.ExternalFunction) return false;
  const f = binaryen.getFunctionInfo(probe.getFunction(e.value));
  return f.params === binaryen.none && f.results === binaryen.none;
});
if (!loader) throw new Error('split-experiment.mjs: no exported function without parameters to stand in for the loader');
const size = (b) => ({ gz: gzipSync(b, { level: 9 }).length, br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const whole = size(bytes);
console.log(`Demo page start: ${hot.size} of ${count} functions ran. Unsplit wasm: ${kb(whole.gz)} gzip, ${kb(whole.br)} brotli.\n`);
console.log('| moved functions kept in the main module when smaller than | functions moved | stubs | exports for the second module | main module brotli | main gzip + second gzip | change of the whole app (gzip) |');
console.log('|---|---|---|---|---|---|---|');
for (const min of (process.env.MIN ?? '0,40,160,400').split(',').map(Number)) {
  const r = split(bytes, hot, [loader.name], min);
  new WebAssembly.Module(r.main);
  new WebAssembly.Module(r.second);
  const [m, s] = [size(r.main), size(r.second)];
  console.log(`| ${min} B | ${r.moved} | ${r.stubs} | ${r.exported} | ${kb(m.br)} (${kb(m.br - whole.br)}) | ${kb(m.gz + s.gz)} | +${kb(m.gz + s.gz - whole.gz)} |`);
}
