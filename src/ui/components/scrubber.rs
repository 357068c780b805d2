//! `Scrubber`: a time slider and step buttons that move a cursor through a run that is over (or
//! through the ideal preview). The timeline, console and tables then show the run as it was at that
//! moment (`state.shown()`), and this panel says what just happened and what every task is doing.
//! Arrow keys on the slider step event by event; the moment goes in the link as `t=`.

use yew::prelude::*;

use crate::engine::Micros;
use crate::insight::wake::{describe as describe_cause, next_event_of, previous_event_of, wake_cause, Cause};
use crate::report::event_table::{describe_with, resource_names};
use crate::report::moment::{task_states, Moment};
use crate::ui::context::use_page;
use crate::ui::format::{ms, secs_spaced, thousands};
use crate::ui::state::view::Step;
use crate::ui::state::Action;

/// A symbol per state, so a state is never told by colour alone (characters every system font
/// has: emoji-only symbols show as empty boxes where no emoji font is installed).
fn symbol(state: &str) -> &'static str {
    match state {
        "ready" => "○",
        "running" => "▶",
        "waiting" => "…",
        "late" => "⚠",
        "cpu" => "⚙",
        "done" => "✓",
        "cancelled" => "✕",
        "failed" => "!",
        _ => "·",
    }
}

/// The most task states listed (a run of thousands lists the first ones and says how many more).
const MAX_LISTED: usize = 12;

#[function_component(Scrubber)]
pub fn scrubber() -> Html {
    let state = use_page();
    if state.hides_preview() {
        return Html::default();
    }
    let running = state.running();
    let whole = state.whole();
    let log = &whole.log;
    let end = whole.timeline.end;
    let moment = state.view.cursor.unwrap_or_else(|| Moment::end(log));
    let scrubbing = state.view.cursor.is_some();
    let step = |step: Step| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Step(step)))
    };
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(at_ms) = crate::decimal::parse_f64(&input.value()) {
                let at = (at_ms.max(0.0) * 1_000.0).round() as Micros;
                state.dispatch(Action::Scrub(Some(at)));
            }
        })
    };
    // Arrows step event by event (the slider's own steps would be a millisecond, mostly empty).
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let step = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => Step::Previous,
                "ArrowRight" | "ArrowUp" => Step::Next,
                "Home" => Step::Start,
                "End" => Step::End,
                _ => return,
            };
            e.prevent_default();
            state.dispatch(Action::Step(step));
        })
    };

    // Only at a cursor: this panel re-renders on every frame of a run, and a run of 100,000 tasks
    // has as many names.
    let happened = moment.last_event(log).filter(|_| scrubbing).map(|event| {
        let names: Vec<String> = whole.timeline.lanes.iter().map(|l| l.name.clone()).collect();
        let who = names.get(event.task).map_or("", String::as_str);
        format!("{who}: {}", describe_with(event, &names, &resource_names(log)))
    });
    // Why the task of the event just shown runs again, and its own previous and next events.
    let why = moment.last_event(log).filter(|_| scrubbing).map(|event| {
        let index = moment.shown - 1;
        let names: Vec<String> = whole.timeline.lanes.iter().map(|l| l.name.clone()).collect();
        let cause = wake_cause(log, index);
        let text = cause.as_ref().map(|c| describe_cause(c, log, &names, &resource_names(log)));
        let cause_event = cause.as_ref().and_then(|c| match c {
            Cause::TaskEnded { event, .. }
            | Cause::Resource { event, .. }
            | Cause::Cancelled { event, .. }
            | Cause::Started { event, .. } => Some(*event),
            _ => None,
        });
        let go = |to: Option<usize>, label: &'static str, testid: &'static str, title: &'static str| {
            let state = state.clone();
            html! {
                <button type="button" class="ghost-button" data-testid={testid} {title} disabled={to.is_none()}
                    onclick={Callback::from(move |_: MouseEvent| if let Some(to) = to { state.dispatch(Action::Step(Step::Event(to))) })}>
                    { label }
                </button>
            }
        };
        let who = names.get(event.task).cloned().unwrap_or_default();
        html! {
            <p class="scrub-why" data-testid="scrub-why">
                if let Some(text) = text {
                    <span>{ format!("Why {who} runs again: {text}. ") }</span>
                    if cause_event.is_some() {
                        { go(cause_event, "Go to the cause", "scrub-cause", "Move the cursor to the event that woke it") }
                    }
                }
                { go(previous_event_of(log, event.task, index), "◀ its previous event", "scrub-task-prev", "This task's event before this one") }
                { go(next_event_of(log, event.task, index), "its next event ▶", "scrub-task-next", "This task's next event") }
            </p>
        }
    });
    let position = format!("event {} of {}", thousands(moment.shown), thousands(log.len()));
    let at_text = format!("t = {}", secs_spaced(moment.at));
    let shown = state.shown();
    let states = task_states(&shown.timeline, moment.at, MAX_LISTED);
    let created = shown.timeline.lanes.len();
    let unborn = whole.timeline.lanes.len().saturating_sub(created);
    let graph = &shown.graph;
    let listed = states.iter().map(|task| {
        // Where it is stopped (or running from), as the editor's margin marks it.
        let line = graph.tasks.get(task.task).filter(|t| t.doing.is_pending()).and_then(|t| t.line());
        let detail = match line {
            Some(line) => format!("{}, at line {line}", task.detail),
            None => task.detail.clone(),
        };
        html! {
            <li class={classes!("task-state", format!("state-{}", task.state))} data-testid="task-state" data-task={task.name.clone()} data-state={task.state} data-lane={task.task.to_string()} tabindex="0">
                <span class="task-state-symbol" aria-hidden="true">{ symbol(task.state) }</span>
                <span class="task-state-name">{ &task.name }</span>
                <span class="task-state-detail" data-line={line.map(|l| l.to_string())}>{ detail }</span>
            </li>
        }
    });
    let more = created.saturating_sub(MAX_LISTED);
    // Pointing at (or tabbing to) a task marks the lines it waited at in the editor.
    let mark = |target: Option<web_sys::EventTarget>| {
        target
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|t| t.closest("[data-lane]").ok().flatten())
            .and_then(|li| li.get_attribute("data-lane"))
            .and_then(|i| i.parse::<usize>().ok())
    };
    let onmouseover = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| state.dispatch(Action::Highlight(mark(e.target()))))
    };
    let onfocusin = {
        let state = state.clone();
        Callback::from(move |e: FocusEvent| state.dispatch(Action::Highlight(mark(e.target()))))
    };
    let unmark = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Highlight(None)))
    };
    let onfocusout = {
        let state = state.clone();
        Callback::from(move |_: FocusEvent| state.dispatch(Action::Highlight(None)))
    };
    let disabled = running || log.is_empty();
    let hint = if running {
        "The cursor moves once the run is over."
    } else if scrubbing {
        "Showing the run as it was at this moment: the timeline, console and tables stop here."
    } else {
        "Drag the slider or use ← → to step through the run event by event."
    };

    html! {
        <section class="scrubber pane" data-testid="scrubber" data-ms={ms(moment.at).to_string()} data-event={moment.shown.to_string()} aria-labelledby="scrubber-heading">
            <div class="pane-head">
                <h2 id="scrubber-heading">{ "Step through the run" }</h2>
                <span class="pane-note">{ hint }</span>
            </div>
            <div class="scrub-controls">
                <button type="button" class="scrub-button" data-testid="scrub-start" title="Before anything ran (Home)" aria-label="Go to the start" disabled={disabled || moment.shown == 0} onclick={step(Step::Start)}>{ "⇤" }</button>
                <button type="button" class="scrub-button" data-testid="scrub-prev" title="The event before (←)" aria-label="Previous event" disabled={disabled || moment.shown == 0} onclick={step(Step::Previous)}>{ "◀" }</button>
                <input
                    type="range"
                    name="t"
                    class="scrub-slider"
                    data-testid="scrub-slider"
                    min="0"
                    max={ms(end).to_string()}
                    step="1"
                    value={ms(moment.at).to_string()}
                    disabled={disabled}
                    aria-label="Moment of the run, in milliseconds"
                    aria-valuetext={format!("{at_text}, {position}")}
                    {oninput}
                    {onkeydown}
                />
                <button type="button" class="scrub-button" data-testid="scrub-next" title="The event after (→)" aria-label="Next event" disabled={disabled || !scrubbing} onclick={step(Step::Next)}>{ "▶" }</button>
                <button type="button" class="scrub-button" data-testid="scrub-end" title="The whole run (End)" aria-label="Show the whole run" disabled={disabled || !scrubbing} onclick={step(Step::End)}>{ "⇥" }</button>
            </div>
            <p class="scrub-readout" aria-live="polite">
                <strong data-testid="scrub-time">{ at_text }</strong>
                <span class="scrub-position">{ format!(" · {position}") }</span>
                if let Some(text) = happened {
                    <span class="scrub-event" data-testid="scrub-event">{ format!(" · {text}") }</span>
                }
            </p>
            // Always there, so that its content coming and going never shifts the panel's other
            // children (Yew matches unkeyed children from the end: the slider would be replaced).
            <div class="scrub-why-slot">{ for why }</div>
            if scrubbing {
                <ul class="task-states" data-testid="task-states" aria-label="What each task is doing at this moment"
                    {onmouseover} onmouseleave={unmark} {onfocusin} {onfocusout}>
                    { for listed }
                    if more > 0 {
                        <li class="task-state-more">{ format!("… and {} more tasks", thousands(more)) }</li>
                    }
                    if unborn > 0 {
                        <li class="task-state-more">{ format!("{} task{} not created yet", thousands(unborn), if unborn == 1 { "" } else { "s" }) }</li>
                    }
                </ul>
            }
        </section>
    }
}
