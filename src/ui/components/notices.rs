//! `Notices`: what was wrong with the link the page was opened with, and what was used instead.

use yew::prelude::*;

use crate::ui::state::{use_edit, Action};

#[function_component(Notices)]
pub fn notices() -> Html {
    let state = use_edit();
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
