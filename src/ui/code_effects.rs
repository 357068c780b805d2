//! What the App does when the code changes, outside the reducer: the live preview once typing
//! pauses, and each section's code kept in this browser (`browser::drafts`) — saved as it is
//! typed, brought back when the section opens again, set aside when a link brings other code.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser::drafts;
use crate::ui::context::PageContext;
use crate::ui::state::Action;

/// How long the typing must pause before the preview runs: short enough that the new timeline is
/// drawn within 100 ms of the last keystroke, long enough that a burst of keys runs it once.
const PREVIEW_PAUSE_MS: u32 = 25;

#[hook]
pub fn use_code_effects(state: &PageContext) {
    // The preview of the latest edit, once the typing pauses (a newer edit drops the timer).
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    {
        let dispatcher = state.dispatcher();
        let (edits, stale) = (state.program.edits, state.program.stale);
        use_effect_with((edits, stale), move |&(edits, stale)| {
            *timer.borrow_mut() =
                stale.then(|| Timeout::new(PREVIEW_PAUSE_MS, move || dispatcher.dispatch(Action::Preview(edits))));
        });
    }

    // Opening a section (the page, a link, the navigation): a draft kept here for it that differs
    // from the code shown is brought back when the section opens with its own code, and set aside
    // (with a way back) when a link brought other code or values.
    let id = state.program.scenario.id;
    {
        let dispatcher = state.dispatcher();
        let scenario = state.program.scenario.clone();
        use_effect_with((id, state.program.opened), move |(id, _)| {
            let section = id.id();
            if let Some(draft) = drafts::load(section).filter(|d| *d != scenario.python_text()) {
                if scenario.is_modified() {
                    drafts::set_aside(section, Some(&draft));
                    dispatcher.dispatch(Action::DraftAside(draft));
                } else {
                    dispatcher.dispatch(Action::DraftRestored(draft));
                }
            }
        });
    }

    // Keep the code as it is typed; back to the section's own code (Reset) forgets the draft.
    // Opening another section never forgets one.
    let kept: Rc<RefCell<Option<(&'static str, bool)>>> = use_mut_ref(|| None);
    // Keyed by the scenario itself: the App renders on every frame of a run, and the text and
    // whether it is modified are worked out only when the program changed.
    use_effect_with(state.program.scenario.clone(), move |scenario| {
        let section = scenario.id.id();
        let modified = scenario.is_modified();
        let before = kept.borrow_mut().replace((section, modified));
        if modified {
            drafts::save(section, Some(&scenario.python_text()));
        } else if before == Some((section, true)) {
            drafts::save(section, None);
        }
    });
}
