// End-to-end tests against the release build (dist/) served from a sub-path on loopback,
// in Debian's Chromium (never a downloaded browser).
import { defineConfig } from '@playwright/test';

const PORT = 4173;
export const MOCK_PORT = 4174;
export const PROXY_PORT = 4175;
export const NGINX_PORT = 4176;
const SINK = 'http://127.0.0.2:4177';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}/tools/lading/`,
    trace: 'off',
    permissions: ['clipboard-read', 'clipboard-write'],
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // A second mount serves a broken config.json, to test the warning.
      command: `node serve.mjs --root ../../dist --prefix /tools/lading/,/bad-config/ --config config.json,bad-config.json --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/tools/lading/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      command: `node ../mock/server.mjs --port ${MOCK_PORT}`,
      url: `http://127.0.0.1:${MOCK_PORT}/__requests`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      command: `node ../mock/cors-proxy.mjs --port ${PROXY_PORT}`,
      port: PROXY_PORT,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // A host nobody confirmed, on a second loopback address: records any token it receives.
      command: `node ../mock/sink.mjs --host 127.0.0.2 --port 4177`,
      url: `${SINK}/__seen`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // deploy/nginx.conf, serving dist/ and proxying /swr-api/ to the mock.
      command: `bash nginx.sh ${NGINX_PORT} 127.0.0.1:${MOCK_PORT}`,
      url: `http://127.0.0.1:${NGINX_PORT}/tools/lading/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
  ],
});
