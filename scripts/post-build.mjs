// Trunk's post_build hook. Trunk starts a stage's hooks concurrently, and these steps depend
// on each other's output, so they run here, one after the other:
//   1. csp.mjs: a Content-Security-Policy pinning the inline loader script (index.html);
//   2. order-functions.mjs: the wasm's functions reordered for gzip (wasm, and its
//      integrity hash in index.html);
//   3. precompress.mjs: serve-ready .br and .gz of the final wasm, JS and CSS.
await import('./csp.mjs');
await import('./order-functions.mjs');
await import('./precompress.mjs');
