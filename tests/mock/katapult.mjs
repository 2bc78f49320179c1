// Mock of the Katapult core API "list artifacts" endpoint, following
// ../shared/api/katapult.md: bracket query keys, per_page ≤ 200, repository[id|name]
// exclusivity, wrapped errors with `x-api-schema: json-error`, CORS on every response,
// large_set pagination. Faults are chosen per repository name, after a `~`:
//   web~429x2        page 2 answers 429 twice, then succeeds
//   web~503x99       page 2 always answers 503
//   web~slow800      every page waits 800 ms
//   web~badjson      page 2 is not JSON
//   web~maxpp100     per_page above 100 is rejected (invalid_argument on per_page)
//   web~error=CODE   every request answers that documented error
//   web~redirect=HOST:PORT  answers 307 to the same path on http://HOST:PORT (a token must
//                    never follow it)
//   web~liar         announces total_pages 1000000 (total 1000000 × per_page) whatever the
//                    data holds; pages past the data come back empty
//   web~fail-after1  listings are counted by their page 1: the first succeeds, the second
//                    answers HTTP 500 (internal_server_error), later ones succeed with one
//                    more artifact (`<base>-late-1`, tag `late`): for auto-refresh failures
// Repositories: web (450 artifacts, indexes with children), tiny (12), empty (0),
// largeset (450, large_set: true), hostile (tags that are HTML), malformed (one bad record),
// signed (releases with and without cosign accessories, an SBOM referrer, an orphaned signature),
// gen-N (N artifacts, generated; for benchmarks), rich-N (the same with three tags and two
// OCI annotations on every tagged artifact: for the memory figure), grow (5 artifacts, one more each time
// its first page is served again: for auto-refresh), hostile-error (an unknown error code
// whose description is HTML).

export const TOKEN = 'kat-test-token';
export const REGION = 'uk-lon-01';
const PATH = '/core/v1/container_registry/repositories/repository/artifacts';
const DAY = 86_400;
const NOW = 1_790_000_000;

const ERRORS = {
  missing_api_token: [400, {}],
  invalid_argument: [400, { argument: 'page', issue: 'must be >= 1' }],
  missing_required_argument: [400, { argument: 'region' }],
  unauthorized_network_for_api_token: [403, { ip_address: '203.0.113.77' }],
  invalid_api_token: [403, { details: 'Token expired' }],
  invalid_capabilities_token: [403, {}],
  scope_not_granted: [403, { scopes: ['container_registry:read'] }],
  permission_denied: [403, { details: 'Not a member of this organization' }],
  container_registry_region_not_found: [404, {}],
  repository_not_found: [404, {}],
  route_not_found: [404, {}],
  rate_limit_reached: [429, { total_permitted: 1000 }],
  service_unavailable: [503, {}],
};

const hex = (n, len = 64) => {
  let s = '';
  let x = BigInt(n) * 2654435761n + 97n;
  while (s.length < len) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    s += x.toString(16).padStart(16, '0');
  }
  return s.slice(0, len);
};

function artifact(id, fields) {
  return {
    id,
    digest: `sha256:${hex(id.length * 7919 + [...id].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) % 1e9)}`,
    size: null,
    media_type: 'application/vnd.oci.image.manifest.v1+json',
    os: null,
    architecture: null,
    variant: null,
    annotations: [],
    last_pushed_at: null,
    last_pulled_at: null,
    last_reconciled_at: null,
    tags: [],
    child_ids: [],
    ...fields,
  };
}

/** Deterministic repository of `count` artifacts: groups of 10 = one index with
 * amd64 + arm64 + attestation children, then 6 single-platform images. */
export function generate(name, count) {
  const out = [];
  for (let i = 0; out.length < count; i++) {
    const pushed = NOW - (count - out.length) * 600;
    const pulled = i % 5 === 0 ? null : pushed + DAY;
    if (i % 7 === 0 && out.length + 4 <= count) {
      const id = `${name}-idx-${i}`;
      out.push(artifact(id, {
        size: 1200,
        media_type: 'application/vnd.oci.image.index.v1+json',
        last_pushed_at: pushed,
        last_pulled_at: pulled,
        tags: [`v1.${i}.0`],
        child_ids: [`${id}-amd64`, `${id}-arm64`, `${id}-att`],
      }));
      out.push(artifact(`${id}-amd64`, { size: 50_000_000 + i, os: 'linux', architecture: 'amd64', last_pushed_at: pushed, last_pulled_at: pulled }));
      out.push(artifact(`${id}-arm64`, { size: 48_000_000 + i, os: 'linux', architecture: 'arm64', variant: 'v8', last_pushed_at: pushed, last_pulled_at: pulled }));
      out.push(artifact(`${id}-att`, {
        size: 4_000,
        os: 'unknown',
        architecture: 'unknown',
        annotations: [{ key: 'vnd.docker.reference.type', value: 'attestation-manifest' }],
        last_pushed_at: pushed,
      }));
    } else {
      const arch = ['amd64', 'arm64', 's390x', 'ppc64le'][i % 4];
      out.push(artifact(`${name}-img-${i}`, {
        size: i % 13 === 0 ? null : 10_000_000 + i * 1000,
        os: 'linux',
        architecture: arch,
        last_pushed_at: pushed,
        last_pulled_at: pulled,
        tags: i % 9 === 0 ? [] : [i % 2 ? `build-${i}` : `v0.${i}.1`],
      }));
    }
  }
  return out;
}

/** `generate`'s artifacts as a real repository's look: three tags (a release, a commit, a
 * branch build) and two OCI annotations (source and revision) on every tagged artifact. */
function enrich(artifacts) {
  return artifacts.map((a, i) =>
    a.tags.length === 0
      ? a
      : {
          ...a,
          tags: [...a.tags, `sha-${hex(i * 2654435761).slice(0, 7)}`, `main-${i}`],
          annotations: [
            { key: 'org.opencontainers.image.source', value: 'https://git.example.test/platform/web-frontend' },
            { key: 'org.opencontainers.image.revision', value: hex(i * 40503 + 17).slice(0, 40).padEnd(40, '0') },
          ],
        },
  );
}

const cache = new Map();
const growth = new Map();
/** The artifacts a named mock repository serves (for tests that compare against them). */
export function artifactsOf(name) {
  return repository(name, name)?.artifacts ?? [];
}

function repository(base, key) {
  if (base === 'grow') return { artifacts: generate('grow', 4 + (growth.get(key) ?? 0)) };
  if (cache.has(base)) return cache.get(base);
  let repo = null;
  const gen = /^gen-(\d+)$/.exec(base);
  const rich = /^rich-(\d+)$/.exec(base);
  if (gen && Number(gen[1]) <= 1_000_000) repo = { artifacts: generate(base, Number(gen[1])) };
  else if (rich && Number(rich[1]) <= 1_000_000) repo = { artifacts: enrich(generate(base, Number(rich[1]))) };
  else if (base === 'web' || base === 'largeset') repo = { artifacts: generate(base, 450), largeSet: base === 'largeset' };
  else if (base === 'tiny') repo = { artifacts: generate(base, 12) };
  else if (base === 'empty') repo = { artifacts: [] };
  else if (base === 'hostile') {
    repo = {
      artifacts: [
        artifact('hostile-1', { tags: ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>'], os: 'linux', architecture: '<b>arch</b>', size: 5 }),
        artifact('hostile-2', { tags: ['"><svg onload=window.__pwned=3>'], annotations: [{ key: '<i>k</i>', value: '<img src=y onerror=window.__pwned=4>' }], os: 'linux', architecture: 'amd64' }),
      ],
    };
  } else if (base === 'signed') {
    // Two releases: v1 signed and attested by cosign (accessory tags name its digest), v2
    // unsigned; an SBOM attached as an untagged referrer, whose subject the API does not
    // name; a signature whose subject is not in the repository (orphaned).
    // v1 carries annotations for the details view: a hostile value (must stay text) and a
    // long one without spaces (must wrap).
    const v1 = artifact('signed-v1', {
      size: 30_000_000, os: 'linux', architecture: 'amd64', last_pushed_at: NOW - 40 * DAY, last_pulled_at: NOW - DAY, tags: ['v1.0.0'],
      annotations: [
        { key: 'org.opencontainers.image.source', value: 'https://git.example.test/team/signed' },
        { key: 'org.opencontainers.image.title', value: '<img src=x onerror=window.__pwned=1>' },
        { key: 'org.opencontainers.image.description', value: 'build-'.concat('0123456789abcdef'.repeat(24)) },
      ],
    });
    const v2 = artifact('signed-v2', { size: 31_000_000, os: 'linux', architecture: 'amd64', last_pushed_at: NOW - 2 * DAY, last_pulled_at: null, tags: ['v2.0.0', 'latest'] });
    const hexOf = (a) => a.digest.slice('sha256:'.length);
    repo = {
      artifacts: [
        v1,
        v2,
        artifact('signed-v1-sig', { size: 800, media_type: 'application/vnd.oci.image.manifest.v1+json', last_pushed_at: NOW - 40 * DAY, tags: [`sha256-${hexOf(v1)}.sig`], annotations: [{ key: 'dev.sigstore.cosign/signature', value: 'MEUCIQ…' }] }),
        artifact('signed-v1-att', { size: 900, last_pushed_at: NOW - 40 * DAY, tags: [`sha256-${hexOf(v1)}.att`] }),
        artifact('signed-sbom', { size: 2_000, media_type: 'application/spdx+json', last_pushed_at: NOW - 40 * DAY, tags: [] }),
        artifact('signed-orphan-sig', { size: 700, last_pushed_at: NOW - 40 * DAY, tags: [`sha256-${'ab'.repeat(32)}.sig`] }),
        artifact('signed-old', { size: 29_000_000, os: 'linux', architecture: 'amd64', last_pushed_at: NOW - 400 * DAY, last_pulled_at: null, tags: ['v0.9.0'] }),
      ],
    };
  } else if (base === 'malformed') {
    repo = { artifacts: [...generate(base, 5), { id: 12345, digest: ['not', 'a', 'string'] }] };
  }
  if (repo) cache.set(base, repo);
  return repo;
}

function parseFaults(name) {
  const [base, ...specs] = name.split('~');
  const faults = {};
  for (const spec of specs) {
    let m;
    if ((m = /^(429|503)x(\d+)$/.exec(spec))) Object.assign(faults, { status: Number(m[1]), times: Number(m[2]) });
    else if ((m = /^slow(\d+)$/.exec(spec))) faults.slow = Number(m[1]);
    else if (spec === 'badjson') faults.badJson = true;
    else if ((m = /^maxpp(\d+)$/.exec(spec))) faults.maxPerPage = Number(m[1]);
    else if ((m = /^error=(\w+)$/.exec(spec))) faults.error = m[1];
    else if (spec === 'liar') faults.liar = true;
    else if ((m = /^redirect=(\d+\.\d+\.\d+\.\d+:\d+)$/.exec(spec))) faults.redirectTo = m[1];
    else if ((m = /^fail-after(\d+)$/.exec(spec))) faults.failAfter = Number(m[1]);
  }
  return { base, faults };
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type',
};

/** Remaining injected failures per (repository name with faults). */
const failuresServed = new Map();
/** Listings started (page 1 requests) per repository name with `~fail-afterN`. */
const listings = new Map();

export async function handleKatapult(req, res, url, { latency = 0, log }) {
  if (req.method === 'OPTIONS') {
    res.writeHead(200, CORS).end();
    return true;
  }
  if (!url.pathname.startsWith('/core/')) return false;
  const send = (status, body, extra = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...CORS, ...extra });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const error = (code, description, detail) => {
    const [status, defaultDetail] = ERRORS[code];
    send(status, { error: { code, description: description ?? code.replace(/_/g, ' '), detail: detail ?? defaultDetail } }, { 'x-api-schema': 'json-error' });
  };
  if (latency) await new Promise((r) => setTimeout(r, latency));
  if (url.pathname !== PATH) return error('route_not_found', 'No route matches the path'), true;

  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ') || auth.length <= 7) return error('missing_api_token', 'No API token was provided in the Authorization header.'), true;
  if (auth.slice(7) !== TOKEN) return error('invalid_api_token', 'The API token provided was not valid', { details: null }), true;

  const q = url.searchParams;
  const name = q.get('repository[name]');
  const id = q.get('repository[id]');
  log({ repository: name ?? id, page: q.get('page'), per_page: q.get('per_page'), rawQuery: url.search });
  if (name !== null && id !== null) return error('invalid_argument', "All 'repository[]' params are mutually exclusive", { argument: 'repository', issue: 'ambiguous_lookup_values' }), true;
  if (name === null && id === null) return error('invalid_argument', 'A repository must be given', { argument: 'repository', issue: 'missing_lookup_value' }), true;
  if (!q.get('region[id]')) return error('missing_required_argument', 'region is required', { argument: 'region' }), true;

  const { base, faults } = parseFaults(name ?? id);
  if (faults.error && ERRORS[faults.error]) return error(faults.error), true;
  if (faults.redirectTo) {
    res.writeHead(307, { ...CORS, location: `http://${faults.redirectTo}${url.pathname}${url.search}` }).end();
    return true;
  }
  if (q.get('region[id]') !== REGION) return error('container_registry_region_not_found', 'No region matches'), true;
  if (base === 'hostile-error') {
    send(409, { error: { code: 'conflict_<b>x</b>', description: '<img src=x onerror="window.__pwned=5">Conflict', detail: {} } }, { 'x-api-schema': 'json-error' });
    return true;
  }
  const key0 = name ?? id;
  if (base === 'grow' && (q.get('page') ?? '1') === '1') growth.set(key0, (growth.get(key0) ?? 0) + 1);
  const repo = repository(base, key0);
  if (!repo) return error('repository_not_found', 'No repository matches'), true;

  const page = Number(q.get('page') ?? '1');
  const perPage = Number(q.get('per_page') ?? '30');
  if (!Number.isInteger(page) || page < 1) return error('invalid_argument', 'page must be >= 1', { argument: 'page', issue: 'too_small' }), true;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > (faults.maxPerPage ?? 200)) {
    return error('invalid_argument', 'per_page is out of range', { argument: 'per_page', issue: 'too_large' }), true;
  }
  if (faults.slow) await new Promise((r) => setTimeout(r, faults.slow));
  const key = name ?? id;
  if (faults.status && page === 2) {
    const served = failuresServed.get(key) ?? 0;
    if (served < faults.times) {
      failuresServed.set(key, served + 1);
      return error(faults.status === 429 ? 'rate_limit_reached' : 'service_unavailable'), true;
    }
  }
  if (faults.badJson && page === 2) {
    res.writeHead(200, { 'content-type': 'text/html', ...CORS }).end('<html><body>502 Bad Gateway (nginx)</body></html>');
    return true;
  }
  let all = repo.artifacts;
  if (faults.failAfter !== undefined) {
    if (page === 1) listings.set(key, (listings.get(key) ?? 0) + 1);
    const listing = listings.get(key) ?? 1;
    if (listing === faults.failAfter + 1) {
      send(500, { error: { code: 'internal_server_error', description: 'An internal error occurred', detail: {} } }, { 'x-api-schema': 'json-error' });
      return true;
    }
    if (listing > faults.failAfter + 1) {
      all = [...all, artifact(`${base}-late-1`, { size: 1_000, os: 'linux', architecture: 'amd64', last_pushed_at: NOW, tags: ['late'] })];
    }
  }
  const slice = all.slice((page - 1) * perPage, page * perPage);
  const totalPages = faults.liar ? 1_000_000 : Math.ceil(all.length / perPage);
  const total = faults.liar ? totalPages * perPage : all.length;
  send(200, {
    pagination: repo.largeSet
      ? { current_page: page, total_pages: null, total: null, per_page: perPage, large_set: true }
      : { current_page: page, total_pages: totalPages, total, per_page: perPage, large_set: false },
    artifacts: slice,
  });
  return true;
}
