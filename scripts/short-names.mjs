// Post-build step 2 of 4 (scripts/post-build.mjs): short names for what the wasm and its JS glue
// call each other by. wasm-bindgen names each import after the JS function and a hash
// (`__wbg_addEventListener_847fd86b8c33ec43`) and each exported closure shim after its Rust
// types; the names are written in both files, and hex hashes do not compress. The two files
// are built together and nothing else imports from the wasm (what the page and the tests read
// — `memory` and the JS module's own exports — keeps its name), so a name is renamed in both.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { encodeLeb, leb, pinIntegrity } from './wasm.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('short-names.mjs runs in the Trunk post_build hook (TRUNK_STAGING_DIR is unset)');

const KEEP = new Set(['memory']);

/** a, b, …, z, A, …, Z, aa, ab, …: valid JS identifiers, shortest first. */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[i % letters.length] + name;
    i = Math.floor(i / letters.length) - 1;
  } while (i >= 0);
  return `$${name}`;
}

/** Reads a wasm name (LEB128 length, UTF-8): [name, next offset]. */
function readName(wasm, at) {
  const [length, start] = leb(wasm, at);
  return [wasm.subarray(start, start + length).toString(), start + length];
}

const writeName = (name) => [...encodeLeb(Buffer.byteLength(name)), ...Buffer.from(name)];

/** The import (2) and export (7) sections with their names renamed by `rename`. */
function renameInWasm(wasm, rename) {
  const parts = [wasm.subarray(0, 8)];
  for (let at = 8; at < wasm.length; ) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id === 2 || id === 7) {
      let [count, p] = leb(wasm, start);
      const body = [...encodeLeb(count)];
      for (; count > 0; count--) {
        if (id === 2) {
          const [module, afterModule] = readName(wasm, p);
          const [name, afterName] = readName(wasm, afterModule);
          body.push(...writeName(module), ...writeName(rename(name)));
          p = afterName;
        } else {
          const [name, afterName] = readName(wasm, p);
          body.push(...writeName(rename(name)));
          p = afterName;
        }
        const descriptorEnd = id === 2 ? skipImportDescriptor(wasm, p) : leb(wasm, p + 1)[1];
        body.push(...wasm.subarray(p, descriptorEnd));
        p = descriptorEnd;
      }
      if (p !== end) throw new Error(`short-names.mjs: section ${id} has ${end - p} unread bytes`);
      parts.push(Buffer.from([id, ...encodeLeb(body.length), ...body]));
    } else parts.push(wasm.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

function skipImportDescriptor(wasm, p) {
  const kind = wasm[p++];
  const limits = () => {
    const flags = wasm[p];
    [, p] = leb(wasm, p + 1);
    if (flags & 1) [, p] = leb(wasm, p);
  };
  if (kind === 0) [, p] = leb(wasm, p);
  else if (kind === 1) {
    p++;
    limits();
  } else if (kind === 2) limits();
  else if (kind === 3) p += 2;
  else throw new Error(`short-names.mjs: unknown import kind ${kind}`);
  return p;
}

const wasmFile = readdirSync(dir).find((n) => n.endsWith('_bg.wasm'));
const jsFile = readdirSync(dir).find((n) => /^lading-[0-9a-f]+\.js$/.test(n));
if (!wasmFile || !jsFile) throw new Error('short-names.mjs: no wasm or no JS glue in the build');
const wasm = readFileSync(join(dir, wasmFile));
const js = readFileSync(join(dir, jsFile), 'utf8');

// The short names are `$` and letters, which the minified glue does not use: make sure.
const taken = js.match(/(?<![\w$])\$[A-Za-z]+(?![\w$])/);
if (taken) throw new Error(`short-names.mjs: the JS glue already uses the identifier ${taken[0]}`);
const module = new WebAssembly.Module(wasm);
const names = [...WebAssembly.Module.imports(module), ...WebAssembly.Module.exports(module)]
  .map((entry) => entry.name)
  .filter((name) => !KEEP.has(name));
const renamed = new Map([...new Set(names)].map((name, i) => [name, shortName(i)]));
// Whole identifiers only, longest first: one name may begin another.
const identifier = new RegExp(
  `(?<![\\w$])(${[...renamed.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`,
  'g',
);
let found = 0;
const shortJs = js.replace(identifier, (name) => {
  found++;
  return renamed.get(name);
});
// Each import is defined once in the glue; an export the glue never calls is only renamed.
const imports = WebAssembly.Module.imports(module).map((i) => i.name);
const missing = imports.filter((name) => !new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(js));
if (missing.length) throw new Error(`short-names.mjs: the JS glue does not define ${missing.join(', ')}`);
if ([...shortJs.matchAll(/\$[A-Za-z]+(?![\w$])/g)].length < imports.length) throw new Error('short-names.mjs: fewer short names in the glue than imports');

const shortWasm = renameInWasm(wasm, (name) => renamed.get(name) ?? name);
new WebAssembly.Module(shortWasm); // throws unless the rewritten module is valid
writeFileSync(join(dir, wasmFile), shortWasm);
writeFileSync(join(dir, jsFile), shortJs);
pinIntegrity(dir, wasm, shortWasm);
pinIntegrity(dir, Buffer.from(js), Buffer.from(shortJs));
console.log(`short-names.mjs: ${renamed.size} names, ${found} uses in the glue (wasm ${wasm.length} → ${shortWasm.length} B, JS ${js.length} → ${shortJs.length} B)`);
