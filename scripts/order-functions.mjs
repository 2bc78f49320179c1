// Post-build step 3 of 4 (scripts/post-build.mjs): puts the wasm's functions in an order
// gzip compresses better, and pins the wasm's preload integrity hash to the new bytes.
//
// Why: deflate finds repeats only in the last 32 KB it has seen, and the linker's order
// scatters look-alike functions (the many instantiations of one generic function) across
// 750 KB. The order of function-order.mjs made the Zopfli .gz 14.5 KB (5 %) smaller and the
// .br 5 KB; the code itself is untouched (binaryen's --reorder-functions-by-name renumbers).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { order, parse } from './function-order.mjs';
import { encodeLeb, leb, pinIntegrity } from './wasm.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('order-functions.mjs runs in the Trunk post_build hook (TRUNK_STAGING_DIR is unset)');

/** The module with its name section replaced by one naming function i "f<position>". */
function withOrderNames(wasm, { sections, importedFunctions }, position) {
  const names = encodeLeb(position.length);
  position.forEach((p, f) => {
    const name = Buffer.from(`f${String(p).padStart(7, '0')}`);
    names.push(...encodeLeb(importedFunctions + f), ...encodeLeb(name.length), ...name);
  });
  const payload = Buffer.from([...encodeLeb(4), ...Buffer.from('name'), 1, ...encodeLeb(names.length), ...names]);
  const isNames = ({ id, start }) => {
    if (id !== 0) return false;
    const [length, at] = leb(wasm, start);
    return wasm.subarray(at, at + length).toString() === 'name';
  };
  const kept = sections.filter((s) => !isNames(s)).map((s) => wasm.subarray(s.from, s.end));
  return Buffer.concat([wasm.subarray(0, 8), ...kept, Buffer.from([0, ...encodeLeb(payload.length)]), payload]);
}

for (const name of readdirSync(dir).filter((n) => n.endsWith('_bg.wasm'))) {
  const file = join(dir, name);
  const wasm = readFileSync(file);
  const module = parse(wasm);
  const named = join(dir, `${name}.order`);
  writeFileSync(named, withOrderNames(wasm, module, order(module.bodies)));
  // The features are the ones the release build uses; binaryen validates the module with them.
  const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'];
  // The producers and target-features sections only tell tools how the module was built.
  const passes = ['--reorder-functions-by-name', '--strip-producers', '--strip-target-features'];
  execFileSync('wasm-opt', [...features.map((f) => `--enable-${f}`), ...passes, named, '-o', file], { stdio: 'inherit' });
  rmSync(named);
  const ordered = readFileSync(file);
  pinIntegrity(dir, wasm, ordered);
  console.log(`order-functions.mjs: ${name} ${module.bodies.length} functions reordered (${wasm.length} → ${ordered.length} B)`);
}
