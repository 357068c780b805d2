//! `embed_header` (a view function of `App`'s, like `notices`): in embed mode (an iframe in a course page), the section's number and title, a
//! word when the code is locked, and a way out to the full playground in a new tab. It replaces
//! the top bar, the navigation and the intro, which an embed leaves out.

use yew::prelude::*;

use crate::browser::address;
use crate::link::Link;
use crate::ui::context::EditView;

pub fn embed_header(edit: &EditView) -> Html {
    let id = edit.scenario.id;
    // The same state on the full page: no embed, no lock (it is the learner's own copy there).
    let full = format!("{}{}", address::page_url(), Link { embed: false, lock: false, ..edit.link() }.to_hash());
    html! {
        <header class="embed-head">
            <h1 class="embed-title">
                <span class="intro-num">{ id.section() }</span>
                { " " }
                { id.title() }
            </h1>
            if edit.lock {
                <span class="badge badge-lock" data-testid="locked" title="This example's code is fixed; the highlighted values are yours to change">
                    { "code locked · values editable" }
                </span>
            }
            <a class="embed-open" href={full} target="_blank" rel="noopener" data-testid="open-full">
                { "Open in the async playground ↗" }
            </a>
        </header>
    }
}
