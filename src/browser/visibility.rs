//! Page Visibility for a run: browsers slow timers down in a hidden tab (Chrome runs them at most
//! once a second there, and after five minutes once a minute), so the timings of a run that was in
//! the background are the browser's throttling, not the event loop's. `HiddenWatch` records when,
//! during a run, the page was hidden, so the page can say so instead of showing wrong timings as
//! if they were real.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::runtime::Clock;
use crate::engine::Micros;

/// Whether the page is hidden now (`document.hidden`; a page without a document counts as shown).
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// A stretch of a run during which the page was hidden, at 1x scale from the run's start. `to` is
/// `None` while it is still hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hidden {
    pub from: Micros,
    pub to: Option<Micros>,
}

/// Listens to `visibilitychange` from its creation until dropped.
pub struct HiddenWatch {
    periods: Rc<RefCell<Vec<Hidden>>>,
    listener: Option<Closure<dyn FnMut()>>,
}

impl HiddenWatch {
    /// Start watching, with times taken from `clock` (the run's own).
    pub fn start(clock: Clock) -> HiddenWatch {
        let periods = Rc::new(RefCell::new(Vec::new()));
        // A run started in a hidden tab (a link opened in the background with run=1) is throttled
        // from its first timer on.
        if page_hidden() {
            periods.borrow_mut().push(Hidden { from: 0, to: None });
        }
        let listener = {
            let periods = periods.clone();
            Closure::<dyn FnMut()>::new(move || {
                let now = clock.now();
                let mut periods = periods.borrow_mut();
                let open = periods.last().is_some_and(|p| p.to.is_none());
                match (page_hidden(), open) {
                    (true, false) => periods.push(Hidden { from: now, to: None }),
                    (false, true) => {
                        if let Some(last) = periods.last_mut() {
                            last.to = Some(now);
                        }
                    }
                    // Repeated events with no change (some browsers send one per frame and tab).
                    _ => {}
                }
            })
        };
        let added = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref()));
        HiddenWatch { periods, listener: added.is_some().then_some(listener) }
    }

    /// Every stretch the page was hidden since the watch started, in order.
    pub fn periods(&self) -> Vec<Hidden> {
        self.periods.borrow().clone()
    }

    /// Stop listening (the run has ended: later visibility changes did not affect it). What was
    /// recorded stays readable; a stretch still open stays open (it lasted to the end).
    pub fn stop(&mut self) {
        if let Some(listener) = self.listener.take() {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                let _ =
                    document.remove_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
            }
        }
    }
}

impl Drop for HiddenWatch {
    fn drop(&mut self) {
        self.stop();
    }
}
