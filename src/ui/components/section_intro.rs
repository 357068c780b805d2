//! `SectionIntro`: the section's number and title, and what to watch for when it runs.

use yew::prelude::*;

use crate::ui::state::use_edit;

#[function_component(SectionIntro)]
pub fn section_intro() -> Html {
    let state = use_edit();
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
                { "Edit any " }<span class="how-value">{ "highlighted number" }</span>
                { " in the code (type, ↑/↓, or drag sideways), then press " }<kbd>{ "Run" }</kbd>
                { " to run it on your browser's real event loop." }
            </p>
        </header>
    }
}
