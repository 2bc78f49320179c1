// The order scripts/order-functions.mjs gives the wasm's functions, for deflate: a greedy
// chain placing next the function that shares the most 6-byte sequences with the last 32 KB
// placed (deflate finds repeats only within its last 32 KB). Pure; `make code-size` uses it
// too, to say what each feature costs of the gzipped wasm.
import { leb } from './wasm.mjs';

const GRAM = 6; // bytes per compared sequence
const WINDOW = 32 * 1024; // deflate's window
const COMMON = 64; // sequences in more functions than this are everywhere: not a signal
const LEAST_SHARED = 0.05; // below this share, take the next function in the current order

/** The module's sections, its number of imported functions and its function bodies. */
export function parse(wasm) {
  const sections = [];
  const bodies = [];
  // Function indices count the imported functions first.
  const importedFunctions = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).filter((i) => i.kind === 'function').length;
  for (let at = 8; at < wasm.length; ) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    sections.push({ id, from: at, start, end: start + size });
    if (id === 10) {
      let [count, p] = leb(wasm, start);
      for (; count > 0; count--) {
        const [length, body] = leb(wasm, p);
        bodies.push(wasm.subarray(body, body + length));
        p = body + length;
      }
    }
    at = start + size;
  }
  return { sections, bodies, importedFunctions };
}

/** The new position of each function (by its index among the bodies). */
export function order(bodies) {
  const n = bodies.length;
  const sequences = bodies.map((body) => {
    const set = new Set();
    for (let p = 0; p + GRAM <= body.length; p++) {
      let hash = 2166136261; // FNV-1a
      for (let q = 0; q < GRAM; q++) hash = Math.imul(hash ^ body[p + q], 16777619);
      set.add(hash >>> 0);
    }
    return set;
  });
  const functionsWith = new Map();
  for (const [f, set] of sequences.entries()) {
    for (const s of set) {
      const list = functionsWith.get(s);
      if (list) list.push(f);
      else functionsWith.set(s, [f]);
    }
  }
  // Only sequences some, but not most, functions share tell where a function belongs.
  const telling = sequences.map((set) => [...set].filter((s) => functionsWith.get(s).length > 1 && functionsWith.get(s).length <= COMMON));
  const shared = new Float64Array(n); // per function: its telling sequences in the window
  const inWindow = new Map();
  const enter = (f) => {
    for (const s of telling[f]) {
      const count = inWindow.get(s) ?? 0;
      inWindow.set(s, count + 1);
      if (count === 0) for (const g of functionsWith.get(s)) shared[g]++;
    }
  };
  const leave = (f) => {
    for (const s of telling[f]) {
      const count = inWindow.get(s);
      inWindow.set(s, count - 1);
      if (count === 1) for (const g of functionsWith.get(s)) shared[g]--;
    }
  };
  const placed = new Uint8Array(n);
  const window = [];
  let windowBytes = 0;
  let next = 0; // the first function not yet placed, in the current order
  const position = new Uint32Array(n);
  for (let f = 0, step = 0; step < n; step++) {
    placed[f] = 1;
    position[f] = step;
    window.push(f);
    windowBytes += bodies[f].length;
    enter(f);
    while (windowBytes > WINDOW && window.length > 1) {
      const old = window.shift();
      windowBytes -= bodies[old].length;
      leave(old);
    }
    let best = -1;
    let bestShare = LEAST_SHARED;
    for (let g = 0; g < n; g++) {
      if (placed[g] || telling[g].length === 0) continue;
      const share = shared[g] / telling[g].length;
      if (share > bestShare) [best, bestShare] = [g, share];
    }
    if (best < 0) {
      while (next < n && placed[next]) next++;
      best = next;
    }
    f = best;
  }
  return position;
}
