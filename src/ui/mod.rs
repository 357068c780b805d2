//! The Yew UI: one page that shows a section's Python code with editable values, runs it for real
//! on the page's event loop, and draws what happened (timeline, console) against the ideal run.
//!
//! `state` holds the page state and its reducer (split by concern), `context` hands it to the
//! components; `components/` has one component per file; the few browser calls the UI needs beyond
//! rendering live in `crate::browser::address` (address bar, clipboard) and `viewport`.

mod code_effects;
mod components;
mod context;
mod draw;
mod fetch_text;
mod format;
mod live;
mod shared;
mod state;
mod trace;
mod viewport;

/// Mount the playground into `<body>`, with the panic banner installed first (a panic then says
/// so on the page instead of leaving it frozen).
pub fn start() {
    // 44.5's Web Worker runs this same wasm (static/worker.js), and so this `main`: a worker has no
    // document to mount into, only its own side of the protocol (browser::cpu_worker_thread).
    if web_sys::window().is_none() {
        return;
    }
    // Through Yew: its renderer replaces a hook set with `std::panic::set_hook` by its own, which
    // only writes to the console (found by e2e/reliability.test.mjs: no banner ever showed).
    // Debug builds only: the release build aborts on a panic before any hook could run, and
    // static/boot.js shows the banner from the trap (the hook's code would be dead weight there).
    #[cfg(debug_assertions)]
    yew::set_custom_panic_hook(Box::new(crate::browser::panic_banner::report));
    yew::Renderer::<components::app::App>::new().render();
    // 44.3's sample API: its service worker starts now (a task after the first render, which it
    // would otherwise delay), so that it already controls the page when the first sample-api
    // request is made (else that request waits for it to start).
    crate::browser::sample_api::register_soon();
}
