//! The width an element has on screen, kept up to date: the SVG timelines are drawn at the real
//! pixel width of their container, so text stays the same size on a phone and on a wide screen.
//! Also the scroll position a `scroll` event reports (the virtualised timeline follows it).
//! (Browser calls: meant to move to `src/browser/` with `address.rs`.)
//!
//! Measured when the element appears, when the window is resized and when `key` changes (a new
//! section lays the page out anew), never on every render: reading `clientWidth` forces a layout,
//! and during a run that would cost every frame several milliseconds the timers then fire late.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The `clientWidth` of `node` in CSS pixels (0 until it is first measured, on the frame after
/// the element first renders).
#[hook]
pub fn use_width<K: PartialEq + Clone + 'static>(node: NodeRef, key: K) -> i32 {
    let width = use_state_eq(|| 0);
    let measure: Rc<dyn Fn()> = {
        let width = width.setter();
        Rc::new(move || {
            if let Some(element) = node.cast::<web_sys::Element>() {
                width.set(element.client_width());
            }
        })
    };
    {
        let measure = measure.clone();
        // The first measurement waits for the next animation frame: the page's first render (the
        // Run button with it) is then over and the page interactive before the drawings that
        // need a width are drawn (they draw nothing until then; issue 7's time to ready).
        let first = *width == 0;
        use_effect_with(key, move |_| {
            if first {
                next_frame(move || measure());
            } else {
                measure();
            }
        });
    }
    use_effect_with((), move |_| {
        let closure = Closure::<dyn FnMut()>::new(move || measure());
        let window = web_sys::window();
        if let Some(window) = &window {
            let _ = window.add_event_listener_with_callback("resize", closure.as_ref().unchecked_ref());
        }
        move || {
            if let Some(window) = &window {
                let _ = window.remove_event_listener_with_callback("resize", closure.as_ref().unchecked_ref());
            }
        }
    });
    *width
}

/// Calls `f` once, on the next animation frame.
fn next_frame(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(callback.unchecked_ref());
    }
}

/// The `scrollTop` (CSS pixels) of the element a `scroll` event came from (0 if it has none).
pub fn scroll_top(event: &Event) -> f64 {
    event.target_dyn_into::<web_sys::Element>().map_or(0.0, |element| f64::from(element.scroll_top()))
}
