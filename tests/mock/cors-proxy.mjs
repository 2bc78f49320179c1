// A prefix CORS proxy for the end-to-end tests: GET http://127.0.0.1:PORT/<absolute URL>
// forwards to that URL — any loopback address, as a real proxy forwards anywhere — and adds
// CORS headers to the answer.
// Usage: node cors-proxy.mjs [--port 4175]
import { createServer } from 'node:http';

const i = process.argv.indexOf('--port');
const port = Number(i >= 0 ? process.argv[i + 1] : 4175);
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, X-Auth-Token, Content-Type',
  'access-control-allow-methods': 'GET, OPTIONS',
};

createServer(async (req, res) => {
  if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end();
  let target;
  try {
    target = new URL(req.url.slice(1));
  } catch {
    return res.writeHead(400, CORS).end('not a URL');
  }
  const loopback = /^127\.\d+\.\d+\.\d+$/.test(target.hostname) || ['localhost', '[::1]'].includes(target.hostname);
  if (!loopback) return res.writeHead(403, CORS).end('loopback targets only');
  const headers = {};
  for (const h of ['authorization', 'x-auth-token', 'accept']) if (req.headers[h]) headers[h] = req.headers[h];
  try {
    const upstream = await fetch(target, { headers });
    const body = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, { ...CORS, 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(body);
  } catch (e) {
    res.writeHead(502, CORS).end(`proxy: ${e.message}`);
  }
}).listen(port, '127.0.0.1', () => console.log(`CORS proxy at http://127.0.0.1:${port}/`));
