// Mock of Huawei SWR Enterprise Edition "list artifact tags", following ../shared/api/swr.md:
// X-Auth-Token, limit ≤ 100 with offset a multiple of it, the repository segment encoded
// twice (team/web arrives as team%252Fweb), several tags per artifact, never-pulled times,
// accessories only with is_accessory=true, and — like the real service — NO CORS headers.
// Faults per repository name, after a `~`: `~throttle2` (APIG.0308 twice on the second
// page, then success), `~error=CODE` (that documented error every time), `~liar` (`total`
// is 100000000 whatever the data holds; pages past it come back empty), `~fail-after1`
// (listings are counted by their offset-0 request: the first succeeds, the second answers
// SVCSTG.SWR.5000003, later ones succeed with one more artifact).

export const SWR_TOKEN = 'swr-test-iam-token';
export const INSTANCE = 'inst-1';
const NEVER = '0001-01-01T00:00:00.000Z';
const T0 = Date.UTC(2026, 0, 1);

const ERRORS = {
  'SVCSTG.SWR.4010000': [401, 'Authentication failed'],
  'APIG.0301': [401, 'Incorrect IAM authentication information: verify aksk signature fail'],
  'APIG.1002': [401, 'Incorrect token or token resolution failed'],
  'SVCSTG.SWR.4030170': [403, 'Insufficient permissions'],
  'SVCSTG.SWR.4040010': [404, 'Repository not found'],
  'SVCSTG.SWR.4000014': [400, 'Invalid parameter'],
  'SVCSTG.SWR.5000003': [500, 'Failed to obtain the list'],
  'APIG.0308': [429, 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute'],
};

const iso = (ms) => new Date(ms).toISOString();
const digest = (n) => `sha256:${(n * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(8)}`;

/** Tags of a repository: `artifacts` artifacts with 1–3 tags each, a third never pulled,
 * and one cosign signature accessory for every fifth artifact. */
export function tagsOf(name, artifacts) {
  const tags = [];
  let id = 1;
  for (let a = 1; a <= artifacts; a++) {
    const artifactId = 1000 + a;
    const push = T0 + a * 3_600_000;
    const names = [`v2.${a}.0`, a % 2 ? `sha-${(a * 7919).toString(16)}` : null, a === artifacts ? 'latest' : null].filter(Boolean);
    for (const [k, tag] of names.entries()) {
      tags.push({
        id: id++, artifact_id: artifactId, name: tag, digest: digest(artifactId), repository_id: 402, namespace_id: 87, type: 'IMAGE',
        manifest_media_type: 'application/vnd.docker.distribution.manifest.v2+json',
        media_type: 'application/vnd.docker.container.image.v1+json',
        size: 8_000_000 + a * 1000,
        push_time: iso(push + k * 60_000),
        pull_time: a % 3 === 0 ? NEVER : iso(push + 86_400_000 + k),
      });
    }
    if (a % 5 === 0) {
      tags.push({
        id: id++, artifact_id: 5000 + a, name: `${digest(artifactId).replace(':', '-')}.sig`, digest: digest(5000 + a), type: 'IMAGE',
        manifest_media_type: 'application/vnd.oci.image.manifest.v1+json', size: 700, push_time: iso(push), pull_time: NEVER, accessory: true,
      });
    }
  }
  return tags;
}

const REPOS = { 'team/web': 120, app: 5, arrayform: 3 };

export function swrRepository(name, accessories, extra = 0) {
  const count = REPOS[name.split('~')[0]];
  if (count === undefined) return null;
  return tagsOf(name, count + extra).filter((t) => accessories || !t.accessory);
}

const served = new Map();
/** Listings started (offset-0 requests) per repository name with `~fail-afterN`. */
const listings = new Map();

export async function handleSwr(req, res, url, { log }) {
  const m = /^\/v2\/instances\/([^/]+)\/namespaces\/([^/]+)\/repositories\/([^/]+)\/tags$/.exec(url.pathname);
  if (!m) return false;
  // No CORS headers and no preflight support, as the real service.
  const send = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const error = (code) => send(ERRORS[code][0], code.startsWith('APIG')
    ? { error_code: code, error_msg: ERRORS[code][1], request_id: 'c2f5e8a1b7d94e3f' }
    : { error_code: code, error_msg: ERRORS[code][1], ...(code === 'SVCSTG.SWR.4030170' ? {
        encoded_authorization_message: 'ENCODED-AUTHZ-4f2a9c',
        errors: [{ errorCode: code, errorMessage: 'no permission', detail: '', encoded_authorization_message: 'ENCODED-AUTHZ-4f2a9c' }],
        details: [{ error_code: code, error_msg: '' }],
      } : {}) });
  if (req.method !== 'GET') return res.writeHead(405).end(), true;

  const instance = decodeURIComponent(m[1]);
  const namespace = decodeURIComponent(m[2]);
  const repository = decodeURIComponent(decodeURIComponent(m[3]));
  const q = url.searchParams;
  log({ provider: 'swr', repository, rawRepositorySegment: m[3], offset: q.get('offset'), limit: q.get('limit'), is_accessory: q.get('is_accessory') });

  const token = req.headers['x-auth-token'];
  if (!token) return error('APIG.1002'), true;
  if (token === 'expired-token') return error('APIG.0301'), true;
  if (token !== SWR_TOKEN) return error('SVCSTG.SWR.4010000'), true;
  const fault = /~error=([\w.]+)/.exec(repository);
  if (fault && ERRORS[fault[1]]) return error(fault[1]), true;

  const limit = Number(q.get('limit') ?? 10);
  const offset = Number(q.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0 || offset % limit !== 0) {
    return error('SVCSTG.SWR.4000014'), true;
  }
  const failAfter = /~fail-after(\d+)/.exec(repository);
  let extra = 0;
  if (failAfter) {
    if (offset === 0) listings.set(repository, (listings.get(repository) ?? 0) + 1);
    const listing = listings.get(repository) ?? 1;
    if (listing === Number(failAfter[1]) + 1) return error('SVCSTG.SWR.5000003'), true;
    if (listing > Number(failAfter[1]) + 1) extra = 1;
  }
  const tags = instance === INSTANCE && namespace === 'team' ? swrRepository(repository, q.get('is_accessory') !== 'false', extra) : null;
  if (!tags) return error('SVCSTG.SWR.4040010'), true;
  const throttle = /~throttle(\d+)/.exec(repository);
  if (throttle && offset === limit) {
    const n = served.get(repository) ?? 0;
    if (n < Number(throttle[1])) {
      served.set(repository, n + 1);
      return error('APIG.0308'), true;
    }
  }
  const total = /~liar(~|$)/.test(repository) ? 100_000_000 : tags.length;
  const page = { total, tags: tags.slice(offset, offset + limit).map(({ accessory, ...t }) => t) };
  send(200, repository.startsWith('arrayform') ? [page] : page);
  return true;
}
