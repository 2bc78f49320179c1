// The hand-written baseline for `make bench` (issue 13): what a careful engineer would write
// in plain JS and DOM to show Lading's grid over the same Katapult listing. It loads the same
// pages from the same API (same query, token header, 4 requests at a time), keeps the
// catalog in typed arrays, precomputes every sort order in idle time once the listing is
// complete, keeps the filter result as a byte-per-row mask that only a filter change
// recomputes, recomputes the overview charts only when the filter changes, and on each
// interaction updates what Lading updates: the rows of the page, the status line, the
// facets, the charts (when their inputs change), the URL (pushState, replaceState while
// typing, with Lading's query parameters), and for a keep_pushed_within change the plan over
// every artifact (summary, rule table, delete-list count, Plan column).
//
// Semantics follow src/engine: view.rs (filters: tag substring/glob on lowercased tags,
// untagged, architecture/OS through an index's children), sort.rs (missing values last in
// both directions, ties by digest then id ascending, pushed/pulled: At < never < unknown),
// natural.rs (tag order), tag_match.rs, stats.rs (bars and a 24-bucket push histogram over
// the filtered rows), plan.rs (keep_pushed_within over judged top-level artifacts, children
// follow their index). Not here, because no measured interaction uses them: date filters,
// cosign accessories, the other plan rules, details, expansion, copy buttons' handlers.

const $ = (id) => document.getElementById(id);
const DAY = 86400;
const PER_PAGE_REQ = 200;
const CONCURRENCY = 4;
const KEYS = ['tags', 'digest', 'platform', 'size', 'pushed', 'pulled', 'media_type'];
const LABELS = { tags: 'Tags', digest: 'Digest', platform: 'Platform', size: 'Size', pushed: 'Pushed', pulled: 'Pulled', media_type: 'Media type', plan: 'Plan' };
const MEDIA = {
  'application/vnd.oci.image.index.v1+json': 'OCI index',
  'application/vnd.oci.image.manifest.v1+json': 'OCI manifest',
  'application/vnd.docker.distribution.manifest.list.v2+json': 'Docker manifest list',
  'application/vnd.docker.distribution.manifest.v2+json': 'Docker manifest',
};
const PLAIN = new Set(Object.keys(MEDIA));
const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

// ---- formatting (src/engine/format.rs) ----
const nf = new Intl.NumberFormat('en-US');
const count = (n) => nf.format(n);
const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  let unit = 0;
  while (unit < UNITS.length - 1 && bytes >= 2 ** (10 * (unit + 2))) unit++;
  const tenths = Math.round((bytes * 10) / 2 ** (10 * (unit + 1)));
  return `${Math.floor(tenths / 10)}.${tenths % 10} ${UNITS[unit]}`;
}
function relative(then, now) {
  const secs = Math.abs(now - then);
  if (secs < 45) return 'just now';
  let n, unit;
  if (secs < 3600) [n, unit] = [Math.floor((secs + 30) / 60), 'minute'];
  else if (secs < DAY) [n, unit] = [Math.floor((secs + 1800) / 3600), 'hour'];
  else if (secs < 30 * DAY) [n, unit] = [Math.floor((secs + 43200) / DAY), 'day'];
  else if (secs < 365 * DAY) [n, unit] = [Math.floor(secs / (30 * DAY)), 'month'];
  else [n, unit] = [Math.floor(secs / (365 * DAY)), 'year'];
  n = Math.max(n, 1);
  const s = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return now >= then ? `${s} ago` : `in ${s}`;
}
const iso = (t) => new Date(t * 1000).toISOString().slice(0, 19) + 'Z';
const utc = (t) => new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
const date = (t) => new Date(t * 1000).toISOString().slice(0, 10);
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ESC[c]);
const shortDigest = (d) => {
  const k = d.indexOf(':');
  return k < 0 ? d.slice(0, 19) : d.slice(0, k + 13);
};

// ---- natural order (src/engine/natural.rs) ----
function naturalCmp(a, b) {
  let i = 0, j = 0;
  const isD = (c) => c >= 48 && c <= 57;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i), cb = b.charCodeAt(j);
    if (isD(ca) && isD(cb)) {
      let ae = i, be = j;
      while (ae < a.length && isD(a.charCodeAt(ae))) ae++;
      while (be < b.length && isD(b.charCodeAt(be))) be++;
      let za = i, zb = j;
      while (za < ae && a.charCodeAt(za) === 48) za++;
      while (zb < be && b.charCodeAt(zb) === 48) zb++;
      const va = a.slice(za, ae), vb = b.slice(zb, be);
      if (va.length !== vb.length) return va.length - vb.length;
      if (va !== vb) return va < vb ? -1 : 1;
      if (za - i !== zb - j) return za - i - (zb - j);
      i = ae;
      j = be;
    } else {
      const la = ca >= 65 && ca <= 90 ? ca + 32 : ca, lb = cb >= 65 && cb <= 90 ? cb + 32 : cb;
      if (la !== lb) return la - lb;
      i++;
      j++;
    }
  }
  const rest = a.length - i - (b.length - j);
  if (rest) return rest;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- tag filter (src/engine/tag_match.rs) ----
function globMatch(p, t) {
  let pi = 0, ti = 0, sp = -1, st = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      sp = pi++;
      st = ti;
    } else if (sp >= 0) {
      pi = sp + 1;
      ti = ++st;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
function tagMatcher(pattern) {
  const p = pattern.trim().toLowerCase();
  if (!p) return null;
  if (/[*?]/.test(p)) return (t) => globMatch([...p], [...t]);
  return (t) => t.includes(p);
}

// ---- the catalog: column arrays indexed by artifact number ----
const cat = {
  n: 0,
  id: [], digest: [], tags: [], tagsLower: [], mediaType: [], platform: [], childIds: [], attestation: [],
  ownSize: [], pushed: [], pushedClass: [], pulled: [], pulledClass: [], archKey: [], osKey: [],
  // derived (after nesting)
  top: new Uint32Array(0), isChild: null, size: null, sizeKnown: null, platforms: [], archMask: null, osMask: null,
  children: [], archNames: [], osNames: [],
};
const archId = new Map(), osId = new Map();
const nameId = (map, names, key) => {
  let id = map.get(key);
  if (id === undefined) {
    id = names.length;
    names.push(key);
    map.set(key, id);
  }
  return id;
};

function addPage(artifacts) {
  for (const a of artifacts) {
    cat.id.push(a.id);
    cat.digest.push(a.digest ?? '');
    const tags = a.tags ?? [];
    cat.tags.push(tags);
    cat.tagsLower.push(tags.map((t) => t.toLowerCase()));
    cat.mediaType.push(a.media_type ?? null);
    const arch = a.architecture || null, os = a.os || null, variant = a.variant || null;
    const platform = arch || os ? [os, arch, variant].filter(Boolean).join('/') : null;
    cat.platform.push(platform);
    cat.archKey.push(nameId(archId, cat.archNames, arch ? (variant && !(variant === 'v8' && arch === 'arm64') ? `${arch}/${variant}` : arch) : 'unknown'));
    cat.osKey.push(nameId(osId, cat.osNames, os || 'unknown'));
    cat.childIds.push(a.child_ids ?? []);
    cat.attestation.push((a.annotations ?? []).some((x) => x.key === 'vnd.docker.reference.type' && x.value === 'attestation-manifest'));
    cat.ownSize.push(typeof a.size === 'number' ? a.size : -1);
    cat.pushed.push(typeof a.last_pushed_at === 'number' ? a.last_pushed_at : 0);
    cat.pushedClass.push(typeof a.last_pushed_at === 'number' ? 0 : 2);
    cat.pulled.push(typeof a.last_pulled_at === 'number' ? a.last_pulled_at : 0);
    cat.pulledClass.push(typeof a.last_pulled_at === 'number' ? 0 : a.last_pulled_at === null ? 1 : 2);
  }
  cat.n = cat.id.length;
}

/** Nesting pass (src/engine/catalog.rs nest_children): an index's size is its children's,
 * its platforms and architecture/OS filter values are its non-attestation children's. */
function derive() {
  const n = cat.n;
  const byId = new Map();
  for (let i = 0; i < n; i++) byId.set(cat.id[i], i);
  cat.isChild = new Uint8Array(n);
  cat.size = new Float64Array(n);
  cat.sizeKnown = new Uint8Array(n);
  cat.archMask = new Uint32Array(n);
  cat.osMask = new Uint32Array(n);
  cat.platforms = new Array(n);
  cat.children = new Array(n);
  for (let i = 0; i < n; i++) {
    cat.size[i] = cat.ownSize[i];
    cat.sizeKnown[i] = cat.ownSize[i] >= 0 ? 1 : 0;
    cat.archMask[i] = 1 << cat.archKey[i];
    cat.osMask[i] = 1 << cat.osKey[i];
    cat.platforms[i] = cat.platform[i] ? [cat.platform[i]] : [];
    cat.children[i] = null;
  }
  for (let i = 0; i < n; i++) {
    if (!INDEX_TYPES.has(cat.mediaType[i]) && !cat.childIds[i].length) continue;
    const kids = [];
    for (const cid of cat.childIds[i]) {
      const c = byId.get(cid);
      if (c !== undefined && c !== i && !INDEX_TYPES.has(cat.mediaType[c]) && !kids.includes(c)) kids.push(c);
    }
    if (!kids.length) continue;
    let total = 0, known = false, arch = 0, os = 0;
    const platforms = [];
    for (const c of kids) {
      cat.isChild[c] = 1;
      if (cat.ownSize[c] >= 0) (total += cat.ownSize[c]), (known = true);
      if (cat.attestation[c] || !cat.platform[c]) continue;
      if (!platforms.includes(cat.platform[c])) platforms.push(cat.platform[c]);
      arch |= 1 << cat.archKey[c];
      os |= 1 << cat.osKey[c];
    }
    platforms.sort();
    if (known) (cat.size[i] = total), (cat.sizeKnown[i] = 1);
    cat.platforms[i] = platforms;
    if (arch) (cat.archMask[i] = arch), (cat.osMask[i] = os);
    cat.children[i] = kids;
  }
  let t = 0;
  const top = new Uint32Array(n);
  for (let i = 0; i < n; i++) if (!cat.isChild[i]) top[t++] = i;
  cat.top = top.subarray(0, t);
  orders.clear();
  facets();
}

// ---- sort orders (src/engine/sort.rs), one Uint32Array per column and direction ----
const orders = new Map();
let tieRank = null;
/** Integer ranks for the primary key: -1 = missing (last in both directions). */
function primaryRanks(key) {
  const n = cat.n;
  const r = new Float64Array(n);
  const rankStrings = (get) => {
    const values = new Map();
    for (let i = 0; i < n; i++) {
      const v = get(i);
      if (v !== null && v !== undefined) values.set(v, 0);
    }
    const sorted = [...values.keys()].sort(key === 'tags' ? naturalCmp : undefined);
    sorted.forEach((v, k) => values.set(v, k));
    for (let i = 0; i < n; i++) {
      const v = get(i);
      r[i] = v === null || v === undefined ? -1 : values.get(v);
    }
  };
  if (key === 'tags') rankStrings((i) => (cat.tags[i].length ? cat.tags[i].reduce((m, t) => (naturalCmp(t, m) < 0 ? t : m)) : null));
  else if (key === 'digest') rankStrings((i) => cat.digest[i]);
  else if (key === 'platform') rankStrings((i) => (cat.platforms[i].length ? cat.platforms[i].join('\u0000') : null));
  else if (key === 'media_type') rankStrings((i) => cat.mediaType[i]);
  else if (key === 'size') for (let i = 0; i < n; i++) r[i] = cat.sizeKnown[i] ? cat.size[i] : -1;
  return r;
}
function order(key, desc) {
  const slot = `${key}:${desc ? 'desc' : 'asc'}`;
  let o = orders.get(slot);
  if (o) return o;
  if (!tieRank) {
    // digest then id, ascending whatever the direction: one integer per artifact.
    const idx = Array.from(cat.top);
    idx.sort((x, y) => (cat.digest[x] < cat.digest[y] ? -1 : cat.digest[x] > cat.digest[y] ? 1 : cat.id[x] < cat.id[y] ? -1 : cat.id[x] > cat.id[y] ? 1 : 0));
    tieRank = new Uint32Array(cat.n);
    idx.forEach((i, k) => (tieRank[i] = k));
  }
  const dir = desc ? -1 : 1;
  let cmp;
  if (key === 'pushed' || key === 'pulled') {
    const cls = key === 'pushed' ? cat.pushedClass : cat.pulledClass, t = key === 'pushed' ? cat.pushed : cat.pulled;
    cmp = (x, y) => cls[x] - cls[y] || (cls[x] === 0 ? dir * (t[x] - t[y]) : 0) || tieRank[x] - tieRank[y];
  } else {
    const r = primaryRanks(key);
    cmp = (x, y) => {
      const a = r[x], b = r[y];
      if (a < 0 || b < 0) return (a < 0) - (b < 0) || tieRank[x] - tieRank[y];
      return dir * (a - b) || tieRank[x] - tieRank[y];
    };
  }
  o = Uint32Array.from(cat.top).sort(cmp);
  orders.set(slot, o);
  return o;
}
/** Every order, one per idle callback, once the listing is complete (Lading warms its orders
 * in idle time too). */
function warmOrders() {
  const todo = KEYS.flatMap((k) => [[k, false], [k, true]]);
  const step = (deadline) => {
    while (todo.length && deadline.timeRemaining() > 0) order(...todo.shift());
    if (todo.length) requestIdleCallback(step);
  };
  requestIdleCallback(step);
}

// ---- view state (Lading's URL parameters) ----
const state = { tag: '', untagged: 'show', arch: new Set(), os: new Set(), sort: 'pushed', desc: true, page: 1, perPage: 25, keepPushedWithin: null };
let pass = new Uint8Array(0); // filter result per artifact (top-level rows only)
let passCount = 0;
let view = new Uint32Array(0); // filtered rows in the current order
let plan = null; // { decisions: Uint8Array (0 delete, 1 keep, 2 unknown), deletedUnits: Uint32Array, now, summary }
let complete = false;
let listedAt = 0;
const source = {};

function recomputeFilter() {
  const n = cat.n;
  if (pass.length !== n) pass = new Uint8Array(n);
  const match = tagMatcher(state.tag);
  let am = 0, om = 0;
  for (const a of state.arch) if (archId.has(a)) am |= 1 << archId.get(a);
  for (const o of state.os) if (osId.has(o)) om |= 1 << osId.get(o);
  const wantArch = state.arch.size > 0, wantOs = state.os.size > 0;
  let c = 0;
  const top = cat.top;
  for (let k = 0; k < top.length; k++) {
    const i = top[k];
    const tl = cat.tagsLower[i];
    let ok = state.untagged === 'show' || (state.untagged === 'hide' ? tl.length > 0 : tl.length === 0);
    if (ok && match) {
      ok = false;
      for (let j = 0; j < tl.length; j++) if (match(tl[j])) { ok = true; break; }
    }
    if (ok && wantArch) ok = (cat.archMask[i] & am) !== 0;
    if (ok && wantOs) ok = (cat.osMask[i] & om) !== 0;
    pass[i] = ok ? 1 : 0;
    c += ok ? 1 : 0;
  }
  passCount = c;
}
function recomputeView() {
  const o = order(state.sort, state.desc);
  if (view.length < passCount || view.length > 2 * passCount + 64) view = new Uint32Array(passCount);
  let k = 0;
  for (let j = 0; j < o.length; j++) if (pass[o[j]]) view[k++] = o[j];
  view = view.subarray(0, k);
}

// ---- URL ----
function query(page = state.page) {
  const q = new URLSearchParams();
  q.append('provider', 'katapult');
  if (source.endpoint) q.append('endpoint', source.endpoint);
  if (source.region) q.append('region', source.region);
  if (source.repository) q.append('repository', source.repository);
  if (state.tag) q.append('tag', state.tag);
  if (state.untagged !== 'show') q.append('untagged', state.untagged);
  for (const a of [...state.arch].sort()) q.append('arch', a);
  for (const o of [...state.os].sort()) q.append('os', o);
  if (state.sort !== 'pushed') q.append('sort', state.sort);
  if (!state.desc) q.append('order', 'asc');
  if (page > 1) q.append('page', String(page));
  if (state.perPage !== 25) q.append('per_page', String(state.perPage));
  if (state.keepPushedWithin !== null) q.append('keep_pushed_within', String(state.keepPushedWithin));
  return q;
}
const href = (page) => {
  const q = query(page);
  return `${location.pathname}?${q.toString().replaceAll('%3A', ':').replaceAll('%2F', '/')}`;
};
// User Timing measures for make bench: "baseline:update" (the page's own work on an
// interaction, from the handler's start to before the history write) and "baseline:history"
// (pushState / replaceState alone, which costs from 0.1 ms to over 15 ms in Chromium,
// measured, depending on how busy the browser process is).
let handlerStart = 0;
const begin = () => (handlerStart = performance.now());
function writeUrl(replace) {
  const t = performance.now();
  if (handlerStart) performance.measure('baseline:update', { start: handlerStart, end: t });
  handlerStart = 0;
  const url = href(state.page);
  const write = (start) => {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    performance.measure('baseline:history', { start });
  };
  // ?defer_history=1 (a variant make bench times too): the history write waits for the
  // task after the next frame, out of the interaction (measured: ~10 ms in the input's
  // task during trusted input, ~1 ms after the frame).
  if (deferHistory) requestAnimationFrame(() => setTimeout(() => write(performance.now()), 0));
  else write(t);
}
const deferHistory = new URLSearchParams(location.search).get('defer_history') === '1';
function readUrl() {
  const q = new URLSearchParams(location.search);
  source.endpoint = q.get('endpoint') ?? '';
  source.region = q.get('region') ?? '';
  source.repository = q.get('repository') ?? '';
  state.tag = q.get('tag') ?? '';
  state.untagged = q.get('untagged') ?? 'show';
  state.arch = new Set(q.getAll('arch'));
  state.os = new Set(q.getAll('os'));
  state.sort = KEYS.includes(q.get('sort')) ? q.get('sort') : 'pushed';
  state.desc = q.get('order') !== 'asc';
  state.page = Math.max(1, Number(q.get('page')) || 1);
  state.perPage = [10, 25, 50, 100].includes(Number(q.get('per_page'))) ? Number(q.get('per_page')) : 25;
  const k = q.get('keep_pushed_within');
  state.keepPushedWithin = k !== null && /^\d+$/.test(k) && Number(k) <= 36500 ? Number(k) : null;
}

// ---- plan (src/engine/plan.rs, keep_pushed_within only) ----
function evaluatePlan() {
  rowEpoch++;
  if (state.keepPushedWithin === null) return (plan = null);
  const n = cat.n, now = listedAt, since = now - state.keepPushedWithin * DAY;
  const decisions = new Uint8Array(n), keptBy = new Uint8Array(n), deletedUnits = new Uint32Array(n);
  const top = cat.top;
  for (let k = 0; k < top.length; k++) {
    const i = top[k];
    if (cat.pushedClass[i] === 0 && cat.pushed[i] >= since) (keptBy[i] = 1), (decisions[i] = 1);
    else if (!cat.tags[i].length && !PLAIN.has(cat.mediaType[i])) decisions[i] = 2;
    else decisions[i] = 0;
  }
  // Children go with their index (keep wins over unknown over delete).
  const strength = [0, 2, 1];
  for (let k = 0; k < top.length; k++) {
    const i = top[k], kids = cat.children[i];
    let units = decisions[i] === 0 ? 1 : 0;
    if (kids) {
      for (const c of kids) {
        if (cat.isChild[c] === 1 || strength[decisions[i]] > strength[decisions[c]]) decisions[c] = decisions[i];
        cat.isChild[c] = 2; // seen this pass
      }
      for (const c of kids) if (decisions[c] === 0) units++;
    }
    deletedUnits[i] = units;
  }
  for (let k = 0; k < top.length; k++) {
    const kids = cat.children[top[k]];
    if (kids) for (const c of kids) cat.isChild[c] = 1;
  }
  let del = 0, keep = 0, unknown = 0, freed = 0, unknownSizes = 0, keeps = 0;
  for (let i = 0; i < n; i++) {
    const d = decisions[i];
    if (d === 1) keep++;
    else if (d === 2) unknown++;
    else {
      del++;
      if (cat.children[i] && INDEX_TYPES.has(cat.mediaType[i])) continue;
      if (cat.ownSize[i] >= 0) freed += cat.ownSize[i];
      else unknownSizes++;
    }
    keeps += keptBy[i];
  }
  plan = { decisions, deletedUnits, now, summary: { total: n, del, keep, unknown, freed, unknownSizes, keeps } };
  return plan;
}
function planReason(i) {
  const d = plan.decisions[i];
  if (d === 1) return `pushed ${relative(cat.pushed[i], plan.now)} (within ${state.keepPushedWithin} days)`;
  if (d === 2) return 'unknown: may belong to a kept image';
  const out = ['no rule keeps it'];
  if (cat.tags[i].length) out.push(`deleting it removes its tags ${cat.tags[i].join(', ')}`);
  const kids = cat.children[i];
  if (kids) {
    let c = 0;
    for (const k of kids) if (plan.decisions[k] === 0) c++;
    if (c) out.push(`and ${c} child manifest${c === 1 ? '' : 's'}`);
  }
  return out.join('; ');
}

// ---- rendering ----
let headCols = '';
function renderHead() {
  const cols = plan ? [...KEYS, 'plan'] : KEYS;
  const row = $('head-row');
  if (headCols !== cols.join()) {
    row.innerHTML = cols.map((k) => `<th class="col-${k}" scope="col" aria-sort="none"><button class="sort" type="button" data-key="${k}">${LABELS[k]}<span class="arrow" aria-hidden="true"></span></button></th>`).join('');
    headCols = cols.join();
  }
  // Only the sorted column's aria-sort and arrow change.
  for (const th of row.children) {
    const sorted = th.className === `col-${state.sort}`;
    const sort = sorted ? (state.desc ? 'descending' : 'ascending') : 'none';
    if (th.getAttribute('aria-sort') !== sort) {
      th.setAttribute('aria-sort', sort);
      th.querySelector('.arrow').textContent = sorted ? (state.desc ? '▼' : '▲') : '';
    }
  }
}
function timeCell(cls, t, now) {
  if (cls === 1) return '<span class="never">never</span>';
  if (cls === 2) return '<span class="unknown">—</span>';
  return `<time datetime="${iso(t)}" title="${utc(t)}">${relative(t, now)}</time>`;
}
function rowHtml(i, now) {
  const tags = cat.tags[i];
  let h = `<tr class="artifact${cat.children[i] ? ' index' : ''}"><td class="col-tags">`;
  if (tags.length) {
    h += '<ul class="chips">';
    for (const t of tags) {
      const ref = esc(`kcr.io/${source.repository}:${t}`);
      h += `<li><button class="chip" type="button" aria-label="${esc(t)}, copy ${ref}" title="Copy ${ref}">${esc(t)}</button></li>`;
    }
    h += '</ul>';
  } else h += '<span class="untagged">untagged</span>';
  const dg = esc(cat.digest[i]), sd = esc(shortDigest(cat.digest[i]));
  h += `</td><td class="col-digest"><code class="digest" title="${dg}">${sd}</code><button class="copy" type="button" title="Copy digest: ${dg}">Copy digest</button><button class="details-toggle" type="button" id="details-button-0-${i}" aria-label="Details of ${sd}" aria-expanded="false">Details</button><button class="copy" type="button" title="Copy pull reference: ${esc(`kcr.io/${source.repository}@`)}${dg}">Copy pull reference</button></td><td class="col-platform">`;
  for (const p of cat.platforms[i]) h += `<span class="badge">${esc(p)}</span>`;
  const kids = cat.children[i];
  if (kids) h += `<button class="expand" type="button" aria-expanded="false"><span class="chevron" aria-hidden="true">▸</span>${kids.length} manifest${kids.length === 1 ? '' : 's'}</button>`;
  h += '</td><td class="col-size num">';
  h += cat.sizeKnown[i] ? `<span title="${count(cat.size[i])} bytes">${size(cat.size[i])}</span>` : '<span class="unknown">—</span>';
  h += `</td><td class="col-pushed">${timeCell(cat.pushedClass[i], cat.pushed[i], now)}</td><td class="col-pulled">${timeCell(cat.pulledClass[i], cat.pulled[i], now)}</td><td class="col-media_type">`;
  const mt = cat.mediaType[i];
  h += mt ? `<span title="${esc(mt)}">${esc(MEDIA[mt] ?? mt)}</span>` : '<span class="unknown">—</span>';
  h += '</td>';
  if (plan) {
    const d = ['delete', 'keep', 'unknown'][plan.decisions[i]];
    h += `<td class="col-plan"><span class="plan-badge ${d}">${d[0].toUpperCase() + d.slice(1)}</span> <span class="plan-reason">${esc(planReason(i))}</span></td>`;
  }
  return h + '</tr>';
}
// Rows keyed by artifact, as Lading's grid is: a row still on the page after an interaction
// keeps its node (and is not touched if it stays in place); only new rows are parsed, from
// one HTML string. A plan change (its column) or a new minute (relative times) makes all anew.
let rowNodes = new Map();
let rowEpoch = 0;
let rowsBuilt = '';
function renderRows(start, end, now) {
  const built = `${rowEpoch}:${Math.floor(now / 60)}`;
  if (built !== rowsBuilt) (rowNodes = new Map()), (rowsBuilt = built);
  const tbody = $('rows');
  let html = '';
  const missing = [];
  for (let k = start; k < end; k++) {
    if (!rowNodes.has(view[k])) {
      html += rowHtml(view[k], now);
      missing.push(view[k]);
    }
  }
  if (missing.length) {
    const parsed = document.createElement('tbody');
    parsed.innerHTML = html;
    let tr = parsed.firstElementChild;
    for (const i of missing) rowNodes.set(i, tr), (tr = tr.nextElementSibling);
  }
  const next = new Map();
  let cursor = tbody.firstChild;
  for (let k = start; k < end; k++) {
    const tr = rowNodes.get(view[k]);
    next.set(view[k], tr);
    if (cursor === tr) cursor = cursor.nextSibling;
    else tbody.insertBefore(tr, cursor);
  }
  while (cursor) {
    const after = cursor.nextSibling;
    cursor.remove();
    cursor = after;
  }
  rowNodes = next;
}
function pageNumbers(current, pages) {
  const out = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - current) <= 2) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}
/** The rows, status line and pagination: what every interaction changes. */
function renderPage() {
  const total = view.length;
  const pages = Math.max(1, Math.ceil(total / state.perPage));
  state.page = Math.min(Math.max(1, state.page), pages);
  const start = Math.min((state.page - 1) * state.perPage, total), end = Math.min(start + state.perPage, total);
  const now = Math.floor(Date.now() / 1000);
  renderRows(start, end, now);
  const all = cat.top.length;
  let status = total === 0 ? (all ? 'No artifacts match the filters.' : 'No artifacts to show') : `Showing ${count(start + 1)}–${count(end)} of ${count(total)} artifact${total === 1 ? '' : 's'}`;
  if (total && passCount !== all) status += ` (filtered from ${count(all)})`;
  $('status').textContent = status;
  let nav = state.page > 1 ? `<a class="step" href="${esc(href(state.page - 1))}" rel="prev">Previous</a>` : '';
  nav += '<ul>';
  for (const n of pageNumbers(state.page, pages)) {
    nav += n === null ? '<li class="gap" aria-hidden="true">…</li>' : `<li><a href="${esc(href(n))}"${n === state.page ? ' aria-current="page"' : ''} aria-label="Page ${n}">${n}</a></li>`;
  }
  nav += '</ul>';
  if (state.page < pages) nav += `<a class="step" href="${esc(href(state.page + 1))}" rel="next">Next</a>`;
  $('pagination').innerHTML = nav;
}
/** Facet counts over every row (like Lading's, they do not depend on the filters). */
function facets() {
  const ac = new Uint32Array(cat.archNames.length), oc = new Uint32Array(cat.osNames.length);
  for (const i of cat.top) {
    for (let m = cat.archMask[i], b = 0; m; m >>>= 1, b++) if (m & 1) ac[b]++;
    for (let m = cat.osMask[i], b = 0; m; m >>>= 1, b++) if (m & 1) oc[b]++;
  }
  const box = (field, names, counts, selected) => {
    let h = `<legend>${field === 'architecture' ? 'Architecture' : 'OS'}</legend>`;
    const order = names.map((name, id) => [name, id]).filter(([, id]) => counts[id]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [name, id] of order) {
      h += `<div class="check"><input type="checkbox" id="${field}-${esc(name)}" data-value="${esc(name)}"${selected.has(name) ? ' checked' : ''}><label for="${field}-${esc(name)}">${esc(name)} <span class="count">(${count(counts[id])})</span></label></div>`;
    }
    return h;
  };
  $('arch-facets').innerHTML = box('architecture', cat.archNames, ac, state.arch);
  $('os-facets').innerHTML = box('os', cat.osNames, oc, state.os);
}
/** The overview (src/engine/stats.rs): bars per architecture and 24 push buckets, over the
 * filtered rows; only a filter change calls this. */
function renderOverview() {
  // Built once; later filter changes update the bars, columns and text in place.
  const nA = cat.archNames.length;
  const arts = new Uint32Array(nA), bytes = new Float64Array(nA);
  let min = Infinity, max = -Infinity;
  const top = cat.top;
  for (let k = 0; k < top.length; k++) {
    const i = top[k];
    if (!pass[i]) continue;
    const s = cat.sizeKnown[i] ? cat.size[i] : 0;
    for (let m = cat.archMask[i], b = 0; m; m >>>= 1, b++) if (m & 1) (arts[b]++, (bytes[b] += s));
    if (cat.pushedClass[i] === 0) {
      const t = cat.pushed[i];
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  const B = 24, buckets = new Uint32Array(B);
  const span = Number.isFinite(min) ? Math.floor((max - min) / B) + 1 : 1;
  if (Number.isFinite(min)) {
    for (let k = 0; k < top.length; k++) {
      const i = top[k];
      if (pass[i] && cat.pushedClass[i] === 0) buckets[Math.min(B - 1, Math.floor((cat.pushed[i] - min) / span))]++;
    }
  }
  const bars = [];
  for (let b = 0; b < nA; b++) if (arts[b]) bars.push([cat.archNames[b], arts[b], bytes[b]]);
  bars.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const hasPushes = Number.isFinite(min);
  const peak = hasPushes ? Math.max(...buckets) : 0;
  const w = 320 / B;
  const barWidth = (n) => Math.max(1, Math.round((110 * n) / bars[0][1]));
  const barText = ([, n, b]) => `${count(n)} artifacts · ${size(b)}`;
  const barLine = ([name, n, b]) => `${name}: ${count(n)} artifacts, ${size(b)}`;
  const range = hasPushes ? `Pushes over time, ${date(min)} to ${date(max)}` : '';
  const bucketLine = (k) => `${date(min + k * span)} to ${date(min + (k + 1) * span)}: ${buckets[k]} pushed`;
  // Same bars (names, order) and a histogram as before: update the existing nodes in place.
  const shape = `${bars.map((x) => x[0]).join('\u0000')}|${hasPushes}`;
  if (shape === overviewShape && overviewNodes) {
    const o = overviewNodes;
    bars.forEach((bar, k) => {
      const wd = barWidth(bar[1]);
      o.bars[k].setAttribute('aria-pressed', String(state.arch.has(bar[0])));
      o.rects[k].setAttribute('width', wd);
      o.values[k].setAttribute('x', 84 + wd);
      o.values[k].textContent = barText(bar);
      o.items[k].textContent = barLine(bar);
    });
    if (hasPushes) {
      o.svg.setAttribute('aria-label', range);
      o.title.textContent = range;
      for (let k = 0; k < B; k++) {
        const height = (60 * buckets[k]) / peak;
        o.columns[k].setAttribute('y', 62 - height);
        o.columns[k].setAttribute('height', height);
        o.items[bars.length + k].textContent = bucketLine(k);
      }
    }
    return;
  }
  let h = '';
  const text = [];
  if (bars.length) {
    h += `<figure><figcaption>Per architecture (select a bar to filter)</figcaption><svg class="bars" viewBox="0 0 320 ${bars.length * 18 + 4}" role="group" aria-label="Artifacts per architecture">`;
    bars.forEach((bar, k) => {
      const wd = barWidth(bar[1]);
      h += `<g class="bar" role="button" tabindex="0" aria-pressed="${state.arch.has(bar[0])}" data-arch="${esc(bar[0])}"><text class="bar-label" x="0" y="${15 + 18 * k}">${esc(bar[0])}</text><rect x="80" y="${2 + 18 * k}" width="${wd}" height="14" rx="2"></rect><text class="bar-value" x="${84 + wd}" y="${15 + 18 * k}">${barText(bar)}</text></g>`;
      text.push(`<li>${esc(barLine(bar))}</li>`);
    });
    h += '</svg></figure>';
  }
  if (hasPushes) {
    h += `<figure><figcaption>Pushes over time</figcaption><svg class="histogram" viewBox="0 0 320 64" role="img" aria-label="${range}"><title>${range}</title>`;
    for (let k = 0; k < B; k++) {
      const height = (60 * buckets[k]) / peak;
      h += `<rect x="${k * w + 0.5}" y="${62 - height}" width="${w - 1}" height="${height}"></rect>`;
      text.push(`<li>${bucketLine(k)}</li>`);
    }
    h += '</svg></figure>';
  }
  if (text.length) h += `<details class="as-text"><summary>Figures as text</summary><ul>${text.join('')}</ul></details>`;
  const root = $('overview');
  root.innerHTML = h;
  overviewShape = shape;
  overviewNodes = {
    bars: [...root.querySelectorAll('g.bar')],
    rects: [...root.querySelectorAll('g.bar rect')],
    values: [...root.querySelectorAll('g.bar text.bar-value')],
    svg: root.querySelector('svg.histogram'),
    title: root.querySelector('svg.histogram title'),
    columns: [...root.querySelectorAll('svg.histogram rect')],
    items: [...root.querySelectorAll('details.as-text li')],
  };
}
let overviewShape = null;
let overviewNodes = null;
function renderPlan() {
  const box = $('plan-result');
  if (!plan) {
    box.innerHTML = '';
    return;
  }
  const s = plan.summary;
  let inView = 0;
  const top = cat.top;
  for (let k = 0; k < top.length; k++) if (pass[top[k]]) inView += plan.deletedUnits[top[k]];
  box.innerHTML =
    `<p class="plan-summary"><strong>Plan: delete ${count(s.del)} of ${count(s.total)} artifact${s.total === 1 ? '' : 's'} (${size(s.freed)}), keep ${count(s.keep)}, ${count(s.unknown)} unknown</strong></p>` +
    `<p class="help">Frees up to ${size(s.freed)} of reported manifest sizes${s.unknownSizes ? `, plus ${count(s.unknownSizes)} deleted artifact${s.unknownSizes === 1 ? '' : 's'} of unknown size` : ''}. Layers shared with kept images are not freed.</p>` +
    `<p class="help">Decisions as of ${utc(plan.now)} (when the listing completed).</p>` +
    `<table class="plan-rules"><caption>What each rule keeps</caption><thead><tr><th scope="col">Rule</th><th scope="col">Keeps</th><th scope="col">Only this rule</th></tr></thead><tbody><tr><th scope="row"><code>keep_pushed_within=${state.keepPushedWithin}</code></th><td>${count(s.keeps)}</td><td>${count(s.keeps)}</td></tr></tbody></table>` +
    `<div class="actions"><button class="primary" type="button">Copy delete list (${count(inView)})</button><button type="button">Clear plan</button></div>`;
}

// ---- interactions ----
function onFilterChange(replace) {
  state.page = 1;
  recomputeFilter();
  recomputeView();
  renderOverview();
  if (plan) renderPlan();
  renderPage();
  syncFacetChecks();
  writeUrl(replace);
}
function syncFacetChecks() {
  for (const el of $('arch-facets').querySelectorAll('input')) el.checked = state.arch.has(el.dataset.value);
  for (const el of $('os-facets').querySelectorAll('input')) el.checked = state.os.has(el.dataset.value);
}
function wire() {
  $('head-row').addEventListener('click', (e) => {
    begin();
    const b = e.target.closest('button[data-key]');
    if (!b || !complete) return;
    const key = b.dataset.key;
    if (key === 'plan') return;
    if (key === state.sort) state.desc = !state.desc;
    else (state.sort = key), (state.desc = false);
    state.page = 1;
    recomputeView();
    renderHead();
    renderPage();
    writeUrl(false);
  });
  const facet = (field, set) => (e) => {
    begin();
    const el = e.target;
    if (el.tagName !== 'INPUT') return;
    if (el.checked) set().add(el.dataset.value);
    else set().delete(el.dataset.value);
    onFilterChange(false);
  };
  $('arch-facets').addEventListener('change', facet('arch', () => state.arch));
  $('os-facets').addEventListener('change', facet('os', () => state.os));
  $('overview').addEventListener('click', (e) => {
    const g = e.target.closest('g[data-arch]');
    if (!g) return;
    const a = g.dataset.arch;
    if (state.arch.has(a)) state.arch.delete(a);
    else state.arch.add(a);
    onFilterChange(false);
  });
  $('tag-filter').addEventListener('input', (e) => {
    begin();
    state.tag = e.target.value;
    onFilterChange(true);
  });
  $('untagged').addEventListener('change', (e) => {
    state.untagged = e.target.value;
    onFilterChange(false);
  });
  $('page-size').addEventListener('change', (e) => {
    state.perPage = Number(e.target.value);
    state.page = 1;
    renderPage();
    writeUrl(false);
  });
  $('pagination').addEventListener('click', (e) => {
    begin();
    const a = e.target.closest('a[href]');
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    state.page = Number(new URL(a.href).searchParams.get('page') ?? '1');
    renderPage();
    writeUrl(false);
  });
  $('keep-pushed-within').addEventListener('change', (e) => {
    begin();
    const v = e.target.value.trim();
    state.keepPushedWithin = /^\d+$/.test(v) && Number(v) <= 36500 ? Number(v) : null;
    state.page = 1; // as in Lading: a new view of the plan starts at its first page
    evaluatePlan();
    renderPlan();
    renderHead();
    renderPage();
    writeUrl(false);
  });
  document.querySelector('form.connect').addEventListener('submit', (e) => {
    e.preventDefault();
    source.endpoint = $('endpoint').value.trim();
    source.region = $('region').value.trim();
    source.repository = $('repository').value.trim();
    load($('token').value);
  });
}

// ---- loading: same requests as Lading (per_page=200, 4 at a time, Bearer token) ----
async function fetchPage(token, page) {
  const u = new URL(`${source.endpoint.replace(/\/$/, '')}/core/v1/container_registry/repositories/repository/artifacts`);
  u.searchParams.set('region[id]', source.region);
  u.searchParams.set('repository[name]', source.repository);
  u.searchParams.set('page', String(page));
  u.searchParams.set('per_page', String(PER_PAGE_REQ));
  const res = await fetch(u, { headers: { authorization: `Bearer ${token}` }, redirect: 'error', credentials: 'omit' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}
async function load(token) {
  complete = false;
  $('progress-slot').innerHTML = '<progress></progress>';
  $('status').textContent = 'Loading…';
  const first = await fetchPage(token, 1);
  addPage(first.artifacts);
  derive();
  recomputeFilter();
  recomputeView();
  renderHead();
  renderOverview();
  renderPage();
  const pages = first.pagination.total_pages ?? 1;
  let next = 2, lastRender = performance.now();
  const results = new Array(pages + 1);
  const worker = async () => {
    while (next <= pages) {
      const p = next++;
      results[p] = (await fetchPage(token, p)).artifacts;
      if (performance.now() - lastRender > 1000) {
        lastRender = performance.now();
        $('status').textContent = `Loading… ${count(results.filter(Boolean).length + 1)} of ${count(pages)} pages`;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  for (let p = 2; p <= pages; p++) addPage(results[p]);
  results.length = 0;
  listedAt = Math.floor(Date.now() / 1000);
  derive();
  tieRank = null;
  recomputeFilter();
  recomputeView();
  evaluatePlan();
  renderHead();
  renderOverview();
  renderPlan();
  complete = true;
  $('progress-slot').innerHTML = '';
  renderPage();
  writeUrl(true);
  warmOrders();
}

readUrl();
$('endpoint').value = source.endpoint;
$('region').value = source.region;
$('repository').value = source.repository;
$('tag-filter').value = state.tag;
wire();
