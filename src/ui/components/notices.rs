//! `notices`: what was wrong with the link the page was opened with, and what was used instead.
//! A view function of `App`'s, not a component: it has no state of its own, and each component
//! costs the wasm its own copy of Yew's component machinery.

use yew::prelude::*;

use crate::ui::context::EditView;
use crate::ui::state::Action;

pub fn notices(state: &EditView) -> Html {
    if state.notices.is_empty() {
        return Html::default();
    }
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DismissNotices))
    };
    html! {
        <div class="notice" role="status" data-testid="notice">
            <div>
                <strong>{ "This link needed fixing:" }</strong>
                <ul>{ for state.notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            </div>
            <button type="button" class="ghost-button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
