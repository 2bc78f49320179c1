// A plain static file server for the release build, mounted under a sub-path to prove the
// build needs no rewrite rules. Usage:
//   node serve.mjs [--root dist] [--prefix /tools/lading/] [--port 4173] [--config file.json]
// --config serves that file as the deployment's config.json. Precompressed `.br` / `.gz`
// siblings are sent with Content-Encoding when the browser accepts them, as real hosts do.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const root = resolve(args.root ?? 'dist');
// Several mounts of the same build, each with its own config: --prefix a/,b/ --config x.json,y.json
const prefixes = (args.prefix ?? '/tools/lading/').split(',');
const configs = (args.config ?? '').split(',').map((c) => (c ? resolve(c) : null));
const port = Number(args.port ?? 4173);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
};

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const mount = prefixes.findIndex((p) => path.startsWith(p));
  if (mount < 0) {
    res.writeHead(404).end('not under ' + prefixes.join(' or '));
    return;
  }
  const rel = normalize(path.slice(prefixes[mount].length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
  const config = configs[mount];
  let file = rel === 'config.json' && config ? config : join(root, rel);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    // Like a real host: the build's precompressed siblings when the browser accepts them.
    const accepts = String(req.headers['accept-encoding'] ?? '');
    for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!accepts.includes(encoding)) continue;
      try {
        const body = await readFile(file + ext);
        res.writeHead(200, { ...headers, 'content-encoding': encoding, vary: 'Accept-Encoding' });
        res.end(body);
        return;
      } catch {}
    }
    res.writeHead(200, headers);
    res.end(await readFile(file));
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${prefixes.join(', ')}`));
