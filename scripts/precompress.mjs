// Post-build step 4 of 4 (scripts/post-build.mjs): writes serve-ready `.br` and `.gz` next to the
// content-hashed wasm, JS and CSS, so a host can send them as they are
// (nginx `gzip_static` / `brotli_static`, or any server that negotiates Accept-Encoding).
// Never for index.html (a hook rewrites it) nor config.json (deployments replace it).
// The `.gz` is made by Zopfli: ordinary gzip that any client inflates, ~4 % smaller than
// zlib's level 9, at a cost (seconds) paid once per build instead of per request.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gunzipSync } from 'node:zlib';
import zopfli from '@gfx/zopfli';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('precompress.mjs runs in the Trunk post_build hook (TRUNK_STAGING_DIR is unset)');
// Only names Trunk hashes (`name-<hex>.ext` / `name-<hex>_bg.wasm`): the hash is a u64 in
// hex without leading zeros, so it can be shorter than 16 digits.
const hashed = /-[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)$/;
for (const name of readdirSync(dir).filter((n) => hashed.test(n))) {
  const body = readFileSync(join(dir, name));
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  // No cap on deflate blocks (Zopfli's default is 15): the wasm's 750 KB gains from more,
  // each with its own Huffman codes for its kind of code — 1.5 KB less, 5 s more per build.
  const gz = Buffer.from(await zopfli.gzipAsync(body, { numiterations: 15, blocksplittingmax: 0 }));
  // A file that would not inflate to the original must not ship.
  if (!gunzipSync(gz).equals(body)) throw new Error(`precompress.mjs: ${name}.gz does not inflate to ${name}`);
  writeFileSync(join(dir, `${name}.br`), br);
  writeFileSync(join(dir, `${name}.gz`), gz);
  console.log(`precompress.mjs: ${name} ${body.length} B → gzip ${gz.length} B, brotli ${br.length} B`);
}
