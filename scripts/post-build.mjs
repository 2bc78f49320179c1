// Trunk's post_build hook. Trunk starts a stage's hooks concurrently, and these steps depend
// on each other's output, so they run here, one after the other (2 and 3 re-pin the
// integrity hashes Trunk wrote into index.html):
//   1. csp.mjs: a Content-Security-Policy pinning the inline loader script (index.html);
//   2. short-names.mjs: short names for the wasm's imports and exports (wasm and JS glue);
//   3. order-functions.mjs: the wasm's functions reordered for gzip;
//   4. precompress.mjs: serve-ready .br and .gz of the final wasm, JS and CSS.
await import('./csp.mjs');
await import('./short-names.mjs');
await import('./order-functions.mjs');
await import('./precompress.mjs');
