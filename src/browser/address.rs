//! The page's address, title and clipboard: reading and writing `location.hash` (through
//! `history`, so the page doesn't scroll or reload), hearing when it changes, the page's own URL
//! for share links, and copying a link. The only code that touches location, history and
//! clipboard; the link format itself is the pure `crate::link`.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::link::{history_step, HistoryStep};

/// The current hash, `#` included (empty when there is none).
pub fn hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's address without its fragment (`https://host/some/path/`, query kept): what a share
/// link starts with, so links made under a sub-path point back under it.
pub fn page_url() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    match href.split_once('#') {
        Some((page, _)) => page.to_string(),
        None => href,
    }
}

/// Show `hash` in the address bar: a new history entry for a new section (so Back returns to the
/// previous one), the same entry replaced for edits (so Back doesn't step through every keystroke).
pub fn show(hash: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let current = window.location().hash().unwrap_or_default();
    let _ = match history_step(&current, hash) {
        HistoryStep::Keep => Ok(()),
        HistoryStep::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(hash)),
        HistoryStep::Push => history.push_state_with_url(&JsValue::NULL, "", Some(hash)),
    };
}

pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Why a copy did not happen, for the person: the page then selects the text for Ctrl+C.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyRefused {
    /// No Clipboard API: an old browser, or a page served over plain http (not a secure context).
    Unavailable,
    /// The browser said no: permission denied, the page not focused, an iframe without
    /// `allow="clipboard-write"`.
    Denied(String),
}

/// Copy `text` to the clipboard. Must be called from a click or key handler: browsers only allow
/// writing the clipboard right after a user gesture (the promise is created synchronously here,
/// inside the gesture; only its answer is awaited).
pub fn copy(text: &str) -> impl std::future::Future<Output = Result<(), CopyRefused>> {
    let promise = web_sys::window().and_then(|window| {
        let navigator = window.navigator();
        // `navigator.clipboard` is undefined outside secure contexts: calling a method on it would
        // throw, so look first.
        let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
        if clipboard.is_undefined() || clipboard.is_null() {
            return None;
        }
        Some(clipboard.unchecked_into::<web_sys::Clipboard>().write_text(text))
    });
    async move {
        let promise = promise.ok_or(CopyRefused::Unavailable)?;
        JsFuture::from(promise).await.map(|_| ()).map_err(|error| {
            let reason = error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| error.as_string())
                .unwrap_or_else(|| "refused".to_string());
            CopyRefused::Denied(reason)
        })
    }
}

/// Calls its function with the new hash whenever the address changes by other means than
/// `show` (typed in, a link followed, Back/Forward). Listening ends when dropped.
pub struct HashListener {
    closure: Closure<dyn FnMut()>,
}

const EVENTS: [&str; 2] = ["hashchange", "popstate"];

impl HashListener {
    pub fn new(on_change: impl Fn(String) + 'static) -> HashListener {
        let closure = Closure::<dyn FnMut()>::new(move || on_change(hash()));
        if let Some(window) = web_sys::window() {
            for event in EVENTS {
                let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        }
        HashListener { closure }
    }
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            for event in EVENTS {
                let _ = window.remove_event_listener_with_callback(event, self.closure.as_ref().unchecked_ref());
            }
        }
    }
}
