// static/worker.js: 44.5's Web Worker. It runs the playground's own WebAssembly — the very file the
// page loaded (so the browser has it cached and the site ships one wasm, not two) — and hands the
// worker's side to Rust (`playground_worker_start`, src/browser/cpu_worker_thread.rs). The page
// starts it through static/boot.js's `playgroundWorker()`, which passes the hashed names of the
// app's JS and wasm in this script's query, resolved against the page (any sub-path works).
//
// A module worker: the app's JS is an ES module. Instantiating it runs the app's `main`, which
// mounts nothing here (there is no document) and returns.
const params = new URL(self.location.href).searchParams;
try {
  const bindings = await import(params.get('js'));
  await bindings.default({ module_or_path: params.get('wasm') });
  bindings.playground_worker_start();
} catch (error) {
  // The page's side hears this as the worker's `error` event and says so in the run.
  setTimeout(() => {
    throw error;
  });
}
