// A host nobody confirmed, for the token-gate tests: listens on a second loopback address
// (127.0.0.2 by default) and records every request, and whether it carried a token.
// It answers like a Katapult API with an empty repository and allows any CORS request, so
// a browser that is let through really sends the token here.
// Usage: node sink.mjs [--host 127.0.0.2] [--port 4177]
//   GET /__seen          → JSON list of { method, path, token } received (not itself logged)
//   POST /__seen/clear   → empties it
import { createServer } from 'node:http';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const host = arg('host', '127.0.0.2');
const port = Number(arg('port', 4177));
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, X-Auth-Token, Content-Type',
  'access-control-allow-methods': 'GET, OPTIONS',
};
const seen = [];

createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (url.pathname === '/__seen') {
    res.writeHead(200, { 'content-type': 'application/json', ...CORS }).end(JSON.stringify(seen));
    return;
  }
  if (url.pathname === '/__seen/clear') {
    seen.length = 0;
    res.writeHead(204, CORS).end();
    return;
  }
  const token = req.headers.authorization ?? req.headers['x-auth-token'] ?? null;
  seen.push({ method: req.method, path: req.url, token, at: Date.now() });
  if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end();
  res.writeHead(200, { 'content-type': 'application/json', ...CORS });
  res.end(JSON.stringify({ pagination: { current_page: 1, total_pages: 1, total: 0, per_page: 200, large_set: false }, artifacts: [] }));
}).listen(port, host, () => console.log(`sink at http://${host}:${port}/`));
