//! The Yew UI: one page that shows a section's Python code with editable values, runs it for real
//! on the page's event loop, and draws what happened (timeline, console) against the ideal run.
//!
//! `state` holds the page state and its reducer; `components/` has one component per file; the
//! few browser calls the UI needs beyond rendering live in `address` and `viewport`.

mod address;
mod components;
mod draw;
mod format;
mod live;
mod shared;
mod state;
mod trace;
mod viewport;

/// Mount the playground into `<body>`, with the panic banner installed first (a panic then says
/// so on the page instead of leaving it frozen).
pub fn start() {
    crate::browser::panic_banner::install();
    yew::Renderer::<components::app::App>::new().render();
}
