//! Exports leaving the page: a file download, the timeline as a standalone SVG and as a PNG, and
//! handing the trace to the Perfetto UI. The DOM work is plain JS in `static/export.js`, a module
//! loaded only when an export is first wanted (none of it is needed to open the page, and as Rust
//! in the app's wasm it was part of every first load: issue 7); this is its Rust face. What is
//! exported is built by the pure `crate::report`; this only delivers it.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// static/boot.js: `import()` of one of the site's modules, relative to the page.
    #[wasm_bindgen(catch, js_name = playgroundImport)]
    fn import_module(file: &str) -> Result<js_sys::Promise, JsValue>;

    /// The namespace of `static/export.js`.
    #[derive(Clone)]
    pub type Exporter;

    /// Save `text` as `file_name` (`mime` says what it is).
    #[wasm_bindgen(method, catch, js_name = downloadText)]
    pub fn download_text(this: &Exporter, file_name: &str, mime: &str, text: &str) -> Result<(), JsValue>;

    /// Save the timeline on the page as a standalone SVG: its drawing, its hatching patterns and
    /// the page's CSS rules for it (light theme). A long run's scrolling lanes give the rows in
    /// view, and the picture says which of `lanes` they are.
    #[wasm_bindgen(method, catch, js_name = saveTimelineSvg)]
    pub fn save_timeline_svg(this: &Exporter, file_name: &str, title: &str, lanes: u32) -> Result<(), JsValue>;

    #[wasm_bindgen(method, js_name = saveTimelinePng)]
    fn save_timeline_png_promise(this: &Exporter, file_name: &str, title: &str, lanes: u32) -> js_sys::Promise;

    #[wasm_bindgen(method, js_name = openInPerfetto)]
    fn open_in_perfetto_js(this: &Exporter, json: &str, title: &str, file_name: &str, done: &js_sys::Function);
}

thread_local! {
    /// The module once loaded: later exports run at once, inside their click.
    static LOADED: RefCell<Option<Exporter>> = const { RefCell::new(None) };
}

/// The export module, if it has been loaded.
pub fn loaded() -> Option<Exporter> {
    LOADED.with(|slot| slot.borrow().clone())
}

/// Load the export module (at once if it already is).
pub async fn load() -> Result<Exporter, JsValue> {
    if let Some(exporter) = loaded() {
        return Ok(exporter);
    }
    let exporter: Exporter = JsFuture::from(import_module("export.js")?).await?.unchecked_into();
    LOADED.with(|slot| *slot.borrow_mut() = Some(exporter.clone()));
    Ok(exporter)
}

/// Start loading the export module now (the pointer is on the Export row), so that the click
/// finds it loaded and its exports happen inside the click, as some browsers want for pop-ups.
pub fn prefetch() {
    if loaded().is_none() {
        wasm_bindgen_futures::spawn_local(async {
            // A failure is said when an export is asked for and the module still cannot load.
            let _ = load().await;
        });
    }
}

/// How handing a trace to Perfetto ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PerfettoOutcome {
    /// Perfetto answered PONG and was given the trace.
    Sent,
    /// The browser refused to open the window (a pop-up blocker).
    Blocked,
    /// No PONG within 10 s (offline, or ui.perfetto.dev unreachable).
    NoAnswer,
    /// The window was closed before it answered.
    Closed,
}

impl Exporter {
    /// Save the timeline on the page as a PNG drawn at 2x (its SVG on a canvas).
    pub async fn save_timeline_png(&self, file_name: &str, title: &str, lanes: u32) -> Result<(), JsValue> {
        JsFuture::from(self.save_timeline_png_promise(file_name, title, lanes)).await.map(drop)
    }

    /// Open ui.perfetto.dev in a new window and hand it `json` (Perfetto's PING/PONG +
    /// `postMessage` protocol). Must be called inside a click: browsers only open windows for a
    /// user gesture. `done` hears how it ended.
    pub fn open_in_perfetto(
        &self,
        json: &str,
        title: &str,
        file_name: &str,
        done: impl FnOnce(PerfettoOutcome) + 'static,
    ) {
        let done = Closure::once_into_js(move |outcome: String| {
            done(match outcome.as_str() {
                "sent" => PerfettoOutcome::Sent,
                "blocked" => PerfettoOutcome::Blocked,
                "closed" => PerfettoOutcome::Closed,
                _ => PerfettoOutcome::NoAnswer,
            })
        });
        self.open_in_perfetto_js(json, title, file_name, done.unchecked_ref());
    }
}
