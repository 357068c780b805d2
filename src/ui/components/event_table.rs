//! `EventTable`: the run the page shows as a table of its events (time, task, what happened), for
//! whoever cannot read the timeline's drawing: a screen reader reads it row by row. Shown under
//! the timeline when the view option "table of events" is on (`table=1`). A run of thousands of
//! tasks logs hundreds of thousands of events: only the first rows are described and rendered,
//! more on request. Just above it, the tasks in figures (`task_stats_table`).

use yew::prelude::*;

use crate::report::event_table::{describe_with, resource_names};
use crate::report::numbers::thousands;
use crate::ui::context::use_page;
use crate::ui::format::{ms, secs};
use crate::ui::state::run::Phase;

use super::task_stats::{task_stats_table, FIRST_ORDER};

/// Rows rendered at first, and added by each "Show more".
const PAGE: usize = 200;

#[function_component(EventTable)]
pub fn event_table() -> Html {
    let state = use_page();
    let limit = use_state(|| PAGE);
    // The order of the tasks' figures (see `task_stats_table`).
    let order = use_state(|| FIRST_ORDER);
    let trace = state.shown();
    let events = &trace.log[..];
    let visible = &events[..events.len().min(*limit)];
    // Names only for the tasks these rows mention (a parent's id is below its child's): a run of
    // 100,000 tasks does not copy 100,000 names per frame.
    let named = visible.iter().map(|e| e.task + 1).max().unwrap_or(0);
    let names: Vec<String> = trace.timeline.lanes.iter().take(named).map(|lane| lane.name.clone()).collect();
    let resources = resource_names(events);
    let rows = visible.iter().map(|event| {
        let task = names.get(event.task).cloned().unwrap_or_default();
        html! {
            <tr data-testid="event-row" data-task={task.clone()} data-ms={ms(event.at).to_string()}>
                <td class="event-time">{ secs(event.at) }</td>
                <td class="event-task">{ task }</td>
                <td>{ describe_with(event, &names, &resources) }</td>
            </tr>
        }
    });
    let hidden = events.len() - visible.len();
    let more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + PAGE))
    };
    let which = match (state.run.live.as_ref(), state.phase()) {
        (None, _) => "the ideal run (virtual clock)",
        (Some(_), Phase::Running) => "the run so far",
        (Some(_), _) => "the real run",
    };
    let caption =
        format!("Events of {which}, in the order they happened: {}. Times at 1× scale.", thousands(events.len()));
    let pane = html! {
        <section class="events-pane pane" aria-labelledby="events-heading">
            <div class="pane-head">
                <h2 id="events-heading">{ "Events" }</h2>
                <span class="pane-note">{ "The timeline above, as a table: one row per thing that happened." }</span>
            </div>
            <div class="event-scroll" tabindex="0" aria-label="Table of events (scrolls)">
                <table class="event-table" data-testid="event-table">
                    <caption>{ caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Time" }</th>
                            <th scope="col">{ "Task" }</th>
                            <th scope="col">{ "What happened" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if hidden > 0 {
                <p class="event-more">
                    { format!("Showing {} of {} events. ", thousands(visible.len()), thousands(events.len())) }
                    <button type="button" class="ghost-button" data-testid="event-more" onclick={more}>
                        { format!("Show {} more", thousands(hidden.min(PAGE))) }
                    </button>
                </p>
            }
        </section>
    };
    html! { <>{ task_stats_table(&state, &order) }{ pane }</> }
}
