//! `view_options` (a view function of `TimelineView`'s, like `notices`): how the run is drawn, as switches next to the timeline: the ideal run faintly
//! behind a real one, the run as a table of events, and (44.2, 44.3) sequential and concurrent side
//! by side. All go in the link.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::link::{compares, View};
use crate::ui::context::EditView;
use crate::ui::state::Action;

pub fn view_options(edit: &EditView) -> Html {
    let view = edit.view;
    let switch = |change: fn(View, bool) -> View| {
        let edit = edit.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            edit.dispatch(Action::View(change(edit.view, on)));
        })
    };
    html! {
        <div class="view-options" role="group" aria-label="View options">
            <label class="check" title="Draw the ideal run (every timer on time) faintly behind the real one">
                <input type="checkbox" name="ideal" checked={view.ideal} onchange={switch(|v, on| View { ideal: on, ..v })} />
                <span>{ "ideal run behind" }</span>
            </label>
            <label class="check" title="List every event of the run in a table under the timeline (time, task, what happened)">
                <input type="checkbox" name="table" checked={view.table} onchange={switch(|v, on| View { table: on, ..v })} />
                <span>{ "table of events" }</span>
            </label>
            if compares(edit.scenario.id) {
                <label class="check" title="Show the sequential and concurrent runs side by side, below the timeline">
                    <input type="checkbox" name="compare" checked={view.compare} onchange={switch(|v, on| View { compare: on, ..v })} />
                    <span>{ "sequential vs concurrent" }</span>
                </label>
            }
        </div>
    }
}
