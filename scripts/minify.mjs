// scripts/minify.mjs: minifies the release build in place (scripts/build.sh runs it after trunk),
// and keeps dist/index.html's integrity hashes true to the files.
//
// Why: trunk minifies the HTML and CSS but copies static/*.js as they are, comments and all, and
// leaves wasm-bindgen's glue unminified; terser takes 4–5 kB (brotli) off what a visitor downloads.
// The sources in static/ keep their comments. And one more wasm-opt pass (-Os after trunk's -Oz)
// finds another half kilobyte in the wasm. Usage: node scripts/minify.mjs [dist]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dist = process.argv[2] ?? 'dist';
// Every script is an ES module (the glue, boot.js, worker.js, export.js) except the service
// worker, which the page registers as a classic script.
const CLASSIC = new Set(['sample-api-sw.js']);

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
let html = readFileSync(join(dist, 'index.html'), 'utf8');
for (const name of readdirSync(dist).filter((n) => n.endsWith('.js')).sort()) {
  const path = join(dist, name);
  const source = readFileSync(path, 'utf8');
  const module = !CLASSIC.has(name);
  const result = await minify(source, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (typeof result.code !== 'string') throw new Error(`terser returned nothing for ${name}`);
  const before = integrity(Buffer.from(source));
  writeFileSync(path, result.code);
  // index.html names the glue with its hash (modulepreload): the hash must be of what is served.
  html = html.split(before).join(integrity(Buffer.from(result.code)));
  console.log(`${name}: ${source.length} → ${result.code.length} bytes`);
}
// The features the Rust target emits (rustc --print cfg: bulk-memory, multivalue, mutable-globals,
// nontrapping-fptoint, reference-types, sign-ext); wasm-opt is npm binaryen's (scripts/env.sh).
const FEATURES = ['bulk-memory', 'multivalue', 'mutable-globals', 'nontrapping-float-to-int', 'reference-types', 'sign-ext'];
for (const name of readdirSync(dist).filter((n) => n.endsWith('.wasm'))) {
  const path = join(dist, name);
  const before = readFileSync(path);
  execFileSync('wasm-opt', [...FEATURES.map((f) => `--enable-${f}`), '-Os', path, '-o', path], { stdio: 'inherit' });
  const after = readFileSync(path);
  html = html.split(integrity(before)).join(integrity(after));
  console.log(`${name}: ${before.length} → ${after.length} bytes (wasm-opt -Os)`);
}
writeFileSync(join(dist, 'index.html'), html);
