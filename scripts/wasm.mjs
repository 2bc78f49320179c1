// What the post-build steps share: LEB128 numbers (the wasm binary format's integers) and
// re-pinning a rewritten file's integrity hash in index.html.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
export function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

export function encodeLeb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Trunk pins the wasm and JS it preloads by hash in index.html: pin the rewritten bytes. */
export function pinIntegrity(dir, before, after) {
  const file = join(dir, 'index.html');
  const page = readFileSync(file, 'utf8');
  const [old, now] = [sri(before), sri(after)];
  if (page.split(old).length !== 2) throw new Error(`index.html does not pin ${old} exactly once`);
  writeFileSync(file, page.replace(old, now));
}
