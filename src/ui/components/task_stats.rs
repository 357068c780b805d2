//! `task_stats_table`: each task's figures at the moment shown, as tokio-console's task list: turns
//! on the loop, time running (busy), ready but not running (scheduled: the loop was busy
//! elsewhere), waiting (idle), the longest turn. Shown with the table of events (`table=1`); a
//! column header sorts by it. A run of thousands of tasks lists the first rows of the order chosen.
//! A view function `EventTable` renders just above itself (the two are shown and hidden together),
//! with the sort order kept there: a component of its own would cost the wasm its own copy of
//! Yew's component machinery.

use yew::prelude::*;

use crate::insight::stats::{task_stats, TaskStats};
use crate::report::numbers::thousands;
use crate::ui::context::PageContext;
use crate::ui::format::{ms, secs};

/// Rows rendered (the sort applies to every task, then the first ones are shown).
const ROWS: usize = 100;

/// The sortable columns.
#[derive(Clone, Copy, PartialEq)]
pub enum Column {
    Task,
    Steps,
    Busy,
    Scheduled,
    Idle,
    Longest,
}

const COLUMNS: [(Column, &str, &str); 6] = [
    (Column::Task, "Task", "in the order they were created"),
    (Column::Steps, "Turns", "how many times the loop ran it (each run lasts until its next await)"),
    (Column::Busy, "Busy", "time running: no other task could run meanwhile"),
    (Column::Scheduled, "Scheduled", "ready to run again, but the loop was busy with another task"),
    (Column::Idle, "Idle", "waiting for something not yet done (a timer, a task, a lock…)"),
    (Column::Longest, "Longest turn", "its longest single run without an await"),
];

fn key(stats: &TaskStats, column: Column) -> u64 {
    match column {
        Column::Task => stats.task as u64,
        Column::Steps => stats.steps as u64,
        Column::Busy => stats.busy,
        Column::Scheduled => stats.scheduled,
        Column::Idle => stats.idle,
        Column::Longest => stats.longest_step,
    }
}

/// The order the table is sorted in, (column, descending): by creation at first, then what the
/// learner clicks (`EventTable` holds it).
pub type Order = (Column, bool);

/// The order a table starts in.
pub const FIRST_ORDER: Order = (Column::Task, false);

/// The pane, sorted by `order`.
pub fn task_stats_table(state: &PageContext, order: &UseStateHandle<Order>) -> Html {
    let trace = state.shown();
    let at = state.view.cursor.map(|c| c.at).or(state.run.live.as_ref().filter(|l| !l.finished).map(|l| l.now));
    let at = at.unwrap_or(trace.timeline.end);
    let mut stats = task_stats(&trace.log, trace.log.len(), at);
    let (column, descending) = **order;
    crate::sort::sort_by_key(&mut stats, |s| {
        let k = key(s, column);
        if descending {
            u64::MAX - k
        } else {
            k
        }
    });
    let headers = COLUMNS.iter().map(|&(c, label, title)| {
        let sorted = c == column;
        let aria_sort = match (sorted, descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let onclick = {
            let order = order.clone();
            // A figure sorts biggest first on its first click; the task column oldest first.
            Callback::from(move |_: MouseEvent| {
                let (now, desc) = *order;
                order.set(if now == c { (c, !desc) } else { (c, c != Column::Task) });
            })
        };
        let arrow = match (sorted, descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button type="button" class="sort-button" {title} {onclick}>{ format!("{label}{arrow}") }</button>
            </th>
        }
    });
    let rows = stats.iter().take(ROWS).map(|s| {
        html! {
            <tr data-testid="task-stats" data-task={s.name.clone()} data-state={s.state}
                data-steps={s.steps.to_string()} data-busy-ms={ms(s.busy).to_string()}
                data-scheduled-ms={ms(s.scheduled).to_string()} data-idle-ms={ms(s.idle).to_string()}
                data-longest-ms={ms(s.longest_step).to_string()}>
                <th scope="row">{ &s.name }<span class="stats-state">{ format!(" · {}", s.state) }</span></th>
                <td>{ thousands(s.steps) }</td>
                <td>{ secs(s.busy) }</td>
                <td class={classes!((s.scheduled > 0).then_some("stats-late"))}>{ secs(s.scheduled) }</td>
                <td>{ secs(s.idle) }</td>
                <td class={classes!((s.longest_step >= 100_000).then_some("stats-late"))}>{ secs(s.longest_step) }</td>
            </tr>
        }
    });
    let hidden = stats.len().saturating_sub(ROWS);
    html! {
        <section class="stats-pane pane" aria-labelledby="stats-heading">
            <div class="pane-head">
                <h2 id="stats-heading">{ "Tasks in figures" }</h2>
                <span class="pane-note">{ format!("at {}: each task's life is busy + scheduled + idle. Click a heading to sort.", secs(at)) }</span>
            </div>
            <div class="event-scroll" tabindex="0" aria-label="Table of task figures (scrolls)">
                <table class="event-table stats-table" data-testid="task-stats-table">
                    <caption>{ "Per task, like tokio-console's task list: turns on the loop and where its time went." }</caption>
                    <thead><tr>{ for headers }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            // Always there, so that the table above is never re-created when it appears.
            <p class="stats-more">
                if hidden > 0 {
                    { format!("Showing {ROWS} of {} tasks, in the order chosen.", thousands(stats.len())) }
                }
            </p>
        </section>
    }
}
