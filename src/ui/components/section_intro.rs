//! `section_intro`: the section's number and title, and what to watch for when it runs (a view
//! function of `App`'s, like `notices`).

use yew::prelude::*;

use crate::ui::context::EditView;

pub fn section_intro(state: &EditView) -> Html {
    let id = state.scenario.id;
    html! {
        <header class="intro">
            <h1>
                <span class="intro-num">{ id.section() }</span>
                { " " }
                { id.title() }
            </h1>
            <p class="intro-text">{ id.intro() }</p>
            <p class="how">
                if id.params().is_empty() {
                    { "Edit the code (the timeline follows as you type), or its numbers in the Values panel, then press " }
                } else {
                    { "Edit the code, or any " }<span class="how-value">{ "highlighted number" }</span>
                    { " in it (type, ↑/↓, or drag sideways), then press " }
                }
                <kbd>{ "Run" }</kbd>
                { " to run it on your browser's real event loop." }
            </p>
        </header>
    }
}
