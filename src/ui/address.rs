//! The page's address and title: reading and writing `location.hash` (through `history`, so the
//! page doesn't scroll or reload) and hearing when it changes. The link format itself is the pure
//! `crate::link`. (Browser calls belong in `src/browser/`; this file is meant to move there.)

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::link::{history_step, HistoryStep};

/// The current hash, `#` included (empty when there is none).
pub fn hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
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
