//! `section_nav` (a view function of `App`'s, like `notices`): the chapter's sections, as a table of contents (a strip of chips on a phone).
//! Each entry is a real link to the section's address, so it can be opened in a new tab; a plain
//! click switches in place.

use yew::prelude::*;

use crate::link::Link;
use crate::scenarios::{Scenario, ScenarioId};
use crate::ui::context::EditView;
use crate::ui::state::Action;

/// `asyncio.create_task()` may wrap after the dot, never inside a word.
fn breakable(title: &str) -> Html {
    let mut parts = title.split('.').peekable();
    let mut out = Vec::new();
    while let Some(part) = parts.next() {
        out.push(html! { { part } });
        if parts.peek().is_some() {
            out.push(html! { <>{ "." }<wbr /></> });
        }
    }
    out.into_iter().collect::<Html>()
}

pub fn section_nav(state: &EditView) -> Html {
    let current = state.scenario.id;
    let entry = |id: ScenarioId| {
        let onclick = {
            let state = state.clone();
            Callback::from(move |e: MouseEvent| {
                // Modified clicks keep their browser meaning (new tab, new window).
                if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
                    e.prevent_default();
                    state.dispatch(Action::Open(id));
                }
            })
        };
        let is_current = id == current;
        html! {
            <li key={id.id()}>
                <a
                    class={classes!("section-link", is_current.then_some("current"))}
                    data-testid="section-link"
                    data-id={id.id()}
                    href={Link { view: state.view, lock: state.lock, ..Link::new(Scenario::new(id), state.speed) }.to_hash()}
                    aria-current={is_current.then_some("page")}
                    {onclick}
                >
                    // The gallery's entries are numbered by their heading, not each.
                    if !matches!(id, ScenarioId::Gallery(_)) {
                        <span class="section-num">{ id.section() }</span>
                    }
                    <span class="section-title">{ breakable(id.title()) }</span>
                </a>
            </li>
        }
    };
    let (chapter, rest): (Vec<ScenarioId>, Vec<ScenarioId>) =
        ScenarioId::ALL.into_iter().partition(|id| id.section().starts_with("44"));
    let (gallery, beyond): (Vec<ScenarioId>, Vec<ScenarioId>) =
        rest.into_iter().partition(|id| matches!(id, ScenarioId::Gallery(_)));
    html! {
        <nav class="sections" aria-label="Chapter sections">
            <h2 class="nav-heading">{ "44 · Async Programming (Intro)" }</h2>
            <ol class="section-list">{ for chapter.into_iter().map(entry) }</ol>
            if !beyond.is_empty() {
                <h2 class="nav-heading">{ "Beyond the chapter" }</h2>
                <ol class="section-list">{ for beyond.into_iter().map(entry) }</ol>
            }
            if !gallery.is_empty() {
                <h2 class="nav-heading">{ "Gallery: one idea each" }</h2>
                <ol class="section-list gallery-list">{ for gallery.into_iter().map(entry) }</ol>
            }
        </nav>
    }
}
