// Runs a wasm32-wasip1 program (cargo's runner for that target: .cargo/config.toml), for
// `make bench`'s memory profile: the engine with the browser's 32-bit layout, in Node's WASI.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [path, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [path, ...args], env: {} });
const module = await WebAssembly.compile(readFileSync(path));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
