// The mock cloud APIs for end-to-end tests and benchmarks, on loopback only.
// Usage: node server.mjs [--port 4174] [--latency ms]
//   GET /__requests         → JSON log of the API requests received (for assertions)
//   POST /__requests/clear  → empties the log
import { createServer } from 'node:http';
import { handleKatapult } from './katapult.mjs';
import { handleSwr } from './swr.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = Number(opt('port', 4174));
const latency = Number(opt('latency', 0));
const requests = [];
const log = (entry) => {
  requests.push({ ...entry, at: Date.now() });
  if (requests.length > 50_000) requests.shift();
};

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  try {
    if (url.pathname === '/__requests') {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(requests));
      return;
    }
    if (url.pathname === '/__requests/clear') {
      requests.length = 0;
      res.writeHead(204).end();
      return;
    }
    if (await handleSwr(req, res, url, { log })) return;
    if (await handleKatapult(req, res, url, { latency, log })) return;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('mock: no such route');
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`mock error: ${e.message}`);
  }
}).listen(port, '127.0.0.1', () => console.log(`mock APIs at http://127.0.0.1:${port}`));
