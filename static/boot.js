// static/boot.js: starts the playground. It does what trunk's default inline <script type="module">
// does (load the wasm-bindgen JS, instantiate the wasm, expose the exported functions as
// `window.wasmBindings`, fire `TrunkApplicationStarted`), from a file, because the page's
// Content-Security-Policy (index.html) allows scripts only from the site itself, never inline.
//
// Trunk.toml's `pattern_script` makes trunk write `<script type="module" src="./boot.js"
// data-js="./<hashed>.js" data-wasm="./<hashed>_bg.wasm">` in place of its inline loader: the hashed
// names come from those attributes, resolved against the page so any sub-path works.
const tag = document.querySelector('script[data-js][data-wasm]');
const resolve = (name) => new URL(name, document.baseURI).href;

// Modules the app loads only when they are first wanted (static/export.js): `import()` is syntax,
// which the wasm cannot call, so it calls this (src/browser/export.rs). Relative to the page, as
// the app's own files are.
globalThis.playgroundImport = (file) => import(resolve(file));

// 44.5's Web Worker (static/worker.js) runs the app's own JS and wasm: it is told their hashed
// names, resolved here against the page (src/browser/cpu_worker.rs calls this).
globalThis.playgroundWorker = () => {
  const query = new URLSearchParams({ js: resolve(tag.dataset.js), wasm: resolve(tag.dataset.wasm) });
  return new Worker(`${resolve('worker.js')}?${query}`, { type: 'module' });
};

// The release build aborts at once on a panic (scripts/env.sh: wasm_release_env): no Rust hook
// runs, the wasm just traps (`RuntimeError: unreachable`) inside whatever event, timer or
// microtask called it, and the browser reports that here. Say so on the page, as the Rust hook
// (src/browser/panic_banner.rs) does in debug builds, with a link that reloads the same state:
// the state lives in the fragment, so the link changes the query (static hosts ignore it) to force
// a real load. Only the first trap gets a banner; text, never HTML.
const showTrap = (error) => {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  if (document.querySelector('[data-testid=panic-banner]')) return;
  const banner = document.createElement('div');
  banner.setAttribute('role', 'alert');
  banner.setAttribute('data-testid', 'panic-banner');
  banner.className = 'panic-banner';
  const title = document.createElement('strong');
  title.textContent = 'The playground hit an internal error and stopped.';
  const detail = document.createElement('pre');
  detail.textContent = `${error.name}: ${error.message}`;
  const reload = document.createElement('a');
  reload.href = `${location.pathname}?reload${location.hash}`;
  reload.setAttribute('data-testid', 'panic-reload');
  reload.textContent = 'Reload this state';
  banner.append(title, detail, reload);
  document.body.prepend(banner);
};
addEventListener('error', (event) => showTrap(event.error));
addEventListener('unhandledrejection', (event) => showTrap(event.reason));

try {
  const bindings = await import(resolve(tag.dataset.js));
  const wasm = await bindings.default({ module_or_path: resolve(tag.dataset.wasm) });
  // Test and benchmark hooks (`playground_test_panic`, `playground_bench_*`) are called through this.
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (error) {
  // Without this the page would stay blank: say what happened, as text.
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.setAttribute('data-testid', 'load-error');
  note.className = 'panic-banner';
  note.textContent = `The playground could not start in this browser: ${error?.message ?? error}`;
  document.body.prepend(note);
  throw error;
}
