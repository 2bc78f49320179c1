// Post-build step 1 of 4 (scripts/post-build.mjs): pins Trunk's one inline loader script by its SHA-256 and writes a
// strict Content-Security-Policy <meta> into the built index.html. frame-ancestors cannot
// be set from a <meta>: send it as a server header (see README "Content-Security-Policy").
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp.mjs runs in the Trunk post_build hook (TRUNK_STAGING_DIR is unset)');
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length !== 1) throw new Error(`expected Trunk's one inline loader script, found ${inline.length}`);
const hash = createHash('sha256').update(inline[0]).digest('base64');
const policy = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${hash}' 'wasm-unsafe-eval'`,
  "style-src 'self'",
  "img-src 'self' data:",
  // The endpoints and proxies users choose: narrow this in your server's header.
  "connect-src 'self' https: http:",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv=Content-Security-Policy content="${policy}">`;
html = html.replace(/<meta charset=["']?utf-8["']?\s*\/?>/i, (m) => `${m}${meta}`);
if (!html.includes(meta)) throw new Error('no <meta charset> to put the CSP after');
writeFileSync(file, html);
console.log(`csp.mjs: pinned the loader script (sha256-${hash})`);
