//! `TimelineView`: one lane per task, time left to right in seconds (1x scale). Each lane shows
//! when its task was ready, running, waiting (and on what), late, busy with CPU work, and how it
//! ended; dots above the lane are its prints. During and after a real run, the ideal run is drawn
//! faintly behind it, so lateness is visible; a cursor shows "now" while it runs.
//!
//! Thousands of tasks (the stress section) get a lane each too: past `VIRTUAL_ROWS` rows the lanes
//! scroll inside a box of bounded height under a fixed time axis, and only the rows in view (plus
//! an overscan) are in the DOM, so a 10,000-lane timeline costs what a 40-lane one does.
//!
//! For screen readers the timeline is a group holding a list: each lane (and call sub-row) is a
//! list item labelled in words (`words::lane_words`), each state and print an image named by its
//! `<title>`; the drawn labels, axis, cursor and ideal run are hidden from them (they repeat what
//! the words say, or are decoration).
//!
//! This file lays the whole drawing out (axis, cursors, the scroll box); `layout` has its geometry
//! (lane shapes, rows and where they are, the scrolled window), `row` draws one row, `words` says
//! a lane in words.

mod layout;
mod links;
mod resources;
mod row;
mod words;

use yew::prelude::*;

use crate::engine::Micros;
use crate::ui::context::use_page;
use crate::ui::draw::{axis, Scale};
use crate::ui::format::{secs, thousands};
use crate::ui::state::run::Phase;
use crate::ui::state::Action;
use crate::ui::trace::Trace;
use crate::ui::viewport::{scroll_top, use_width};

use self::layout::{
    window, Layout, AXIS_H, BLOCK_PX, BOX_H, COMPACT, NARROW, ROOMY, ROOMY_LANES, SCROLLBAR_W, STACKED, VIRTUAL_ROWS,
};
use self::row::{row_key, Look, TimelineRow};
use super::legend::legend;
use super::view_options::view_options;

/// A time cursor: a vertical line at `at` from `top` to `bottom`, and when `word` is given, its
/// label near `top` ("now 1.234s"), kept inside the drawing. The live "now" is one; a cursor at
/// another time is one more call with its own class and test id. Decoration for screen readers
/// (the status bar says where the run is).
#[allow(clippy::too_many_arguments)]
fn cursor(
    scale: &Scale,
    at: Micros,
    class: &'static str,
    testid: Option<&'static str>,
    word: Option<&str>,
    top: f64,
    bottom: f64,
    width: f64,
) -> Html {
    let x = scale.x(at);
    let label = word.map(|word| {
        let anchor = if x > width - 120.0 { "end" } else { "start" };
        let text_x = if anchor == "end" { x - 5.0 } else { x + 5.0 };
        html! { <text x={format!("{text_x:.1}")} y={(top + 8.0).to_string()} text-anchor={anchor}>{ format!("{word} {}", secs(at)) }</text> }
    });
    html! {
        <g class={class} data-testid={testid} data-ms={testid.map(|_| crate::ui::format::ms(at).to_string())} aria-hidden="true">
            <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={top.to_string()} y2={bottom.to_string()} />
            { for label }
        </g>
    }
}

#[function_component(TimelineView)]
pub fn timeline_view() -> Html {
    let state = use_page();
    let edit = crate::ui::context::use_edit();
    let container = use_node_ref();
    let measured = use_width(container.clone(), (state.program.scenario.id, state.run.comparison.is_some()));
    // Which block of the lanes box is scrolled to (component-local: nothing else needs it).
    let block = use_state_eq(|| 0u32);
    let onscroll = {
        let block = block.setter();
        Callback::from(move |event: Event| block.set((scroll_top(&event) / BLOCK_PX) as u32))
    };
    // Hovering a lane marks its task's lines in the editor (one handler for every lane).
    let onmouseover = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            let lane = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("[data-lane]").ok().flatten())
                .and_then(|g| g.get_attribute("data-lane"))
                .and_then(|i| i.parse::<usize>().ok());
            if state.view.highlight != lane {
                state.dispatch(Action::Highlight(lane));
            }
        })
    };
    let onmouseleave = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Highlight(None)))
    };
    // Clicking a state of a lane steps the step-through to where it began (it then says why).
    let onclick = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target_dyn_into::<web_sys::Element>() else { return };
            let segment = target.closest("[data-testid=segment]").ok().flatten();
            let lane = target.closest("[data-lane]").ok().flatten();
            let (Some(segment), Some(lane)) = (segment, lane) else { return };
            let start = segment.get_attribute("data-start-ms").and_then(|v| v.parse::<u64>().ok());
            let task = lane.get_attribute("data-lane").and_then(|v| v.parse::<usize>().ok());
            let (Some(start), Some(task)) = (start, task) else { return };
            let log = &state.whole().log;
            let begins = |e: &crate::engine::Event| {
                e.task == task
                    && crate::ui::format::ms(e.at) == start
                    && !matches!(e.kind, crate::engine::EventKind::Printed { .. })
            };
            if let Some(index) = log.iter().position(begins) {
                state.dispatch(Action::Step(crate::ui::state::view::Step::Event(index)));
            }
        })
    };
    let phase = state.phase();
    let running = phase == Phase::Running;
    let live = state.run.live.as_ref();
    // The code does not compile: this is the last good preview, greyed.
    let stale = live.is_none() && state.program.error.is_some();
    let main_run = state.shown().clone();
    let main: &Trace = &main_run;
    // Behind a real run, its ideal twin (unless switched off in the view options).
    let ghost_run = live.filter(|_| state.view.options.ideal).map(|_| state.run.ideal.trace.clone());
    let ghost: Option<&Trace> = ghost_run.as_deref();
    let now = live.filter(|_| running).map(|l| l.now);
    // The scrub cursor (a moment of a finished run or of the preview): `main` is the run up to it.
    let scrub_at = state.view.cursor.map(|c| c.at);

    let narrow = measured > 0 && f64::from(measured) < NARROW;
    let count = main.timeline.lanes.len().max(ghost.map_or(0, |g| g.timeline.lanes.len()));
    let shape = match (count > ROOMY_LANES, narrow) {
        (true, _) => COMPACT,
        (false, true) => STACKED,
        (false, false) => ROOMY,
    };
    // O(lanes): built once per run shown and shape, not on every scroll step.
    let layout = use_memo((main_run.clone(), ghost_run.clone(), shape), |(main, ghost, shape)| {
        Layout::of(main, ghost.as_deref(), *shape)
    });
    let virtual_rows = layout.rows.len() > VIRTUAL_ROWS;
    let width = match measured {
        0 => 960.0,
        m if narrow => f64::from(m).max(300.0),
        m => f64::from(m),
    } - if virtual_rows { SCROLLBAR_W } else { 0.0 };
    let span = [Some(state.whole().timeline.end), ghost.map(|g| g.timeline.end), now, state.run.ideal.total]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    let gutter = match (shape.stacked, narrow, width < 860.0) {
        (true, _, _) => 0.0,
        (false, true, _) => 96.0,
        (false, false, true) => 170.0,
        (false, false, false) => 230.0,
    };
    // A little room after the end so the last marks are not cut.
    let scale =
        Scale::new(gutter + if shape.stacked { 10.0 } else { 14.0 }, width - if narrow { 16.0 } else { 36.0 }, span);
    let look = Look {
        scale,
        shape,
        width,
        now,
        // At a scrub cursor the run is open too: its lanes say what they are doing then.
        running: running || scrub_at.is_some(),
        name_chars: if shape.stacked { 40 } else { ((gutter - 18.0) / 7.4) as usize },
        coro_chars: if shape.stacked { 60 } else { ((gutter - 18.0) / 6.7) as usize },
    };
    // Row `r` at `top`, keyed by its lane (measured: keying by slot, so that a lane scrolled in
    // patches the elements of one scrolled out instead of creating its own, was no faster).
    let row_at = |r: usize, top: f64| {
        let row = layout.rows[r];
        html! {
            <TimelineRow key={row_key(&row)} main={main_run.clone()} ghost={ghost_run.clone()} {row} {top} {look} />
        }
    };
    let body_h = layout.height();
    // The resources' lanes (queues, locks…) go under the tasks'.
    let resource_lanes = crate::insight::resources::resource_lanes(&main.log, main.log.len());
    let resources_h = resources::RESOURCE_H * resource_lanes.len() as f64;
    let names: Vec<String> = if resource_lanes.is_empty() {
        Vec::new()
    } else {
        main.timeline.lanes.iter().map(|l| l.name.clone()).collect()
    };
    let drawn_to = now.unwrap_or(main.timeline.end);
    let resource_frame = resources::Frame {
        scale: &scale,
        width,
        gutter,
        at: scrub_at.or(now).unwrap_or(main.timeline.end),
        end: drawn_to,
        names: &names,
    };

    let source = if live.is_some() { "live" } else { "ideal" };
    let caption = match (phase, live) {
        (_, None) => {
            "Preview of the ideal run (virtual clock: every timer on time). Press Run to measure the real one."
        }
        (Phase::Running, Some(_)) if ghost.is_some() => {
            "Live: the real run grows as it happens; the faint dashed shapes are the ideal run."
        }
        (Phase::Running, Some(_)) => "Live: the real run grows as it happens.",
        (_, Some(_)) if ghost.is_some() => {
            "The real run, with the ideal run drawn faintly behind it: where they differ, the real loop was late."
        }
        (_, Some(_)) => "The real run, as measured on your browser's clock.",
    };
    let tasks = format!("{} task{}", thousands(count), if count == 1 { "" } else { "s" });
    let summary = format!("Timeline of {tasks}, {} in total. {caption}", secs(span));
    let axis_title = (!shape.stacked).then(|| {
        html! { <text class="axis-title" x="12" y={(AXIS_H - 8.0).to_string()} aria-hidden="true">{ "time →" }</text> }
    });

    let drawing = if measured == 0 {
        // Not measured yet (the first render of the page): an empty box of the drawing's height,
        // drawn a frame later at the real width, so the page is interactive sooner and the lanes
        // are not drawn twice (at a guessed width, then at the real one).
        let height = AXIS_H + body_h.min(BOX_H) + 6.0;
        html! { <svg class="timeline timeline-pending" width="100%" height={height.to_string()} aria-hidden="true" /> }
    } else if virtual_rows {
        // The axis stays in place above a box of lanes that scrolls; only the rows meeting the
        // window around the scroll position are rendered, each at its own place in the full
        // height, so the scroll bar is the whole list's.
        let (first, end) = window(&layout.offsets, *block);
        let rendered = (first..end).map(|r| row_at(r, layout.offsets[r]));
        let now_line = now.map(|at| cursor(&scale, at, "now", None, None, 0.0, body_h, width));
        let now_label = now.map(|at| cursor(&scale, at, "now", Some("now"), Some("now"), 4.0, AXIS_H, width));
        let scrub_line = scrub_at.map(|at| cursor(&scale, at, "scrub-cursor", None, None, 0.0, body_h, width));
        let scrub_label = scrub_at
            .map(|at| cursor(&scale, at, "scrub-cursor", Some("scrub-cursor"), Some("t ="), 4.0, AXIS_H, width));
        html! {
            <div class="timeline-virtual" data-testid="timeline" data-source={source} role="group" aria-label={summary}>
                <svg class="timeline" width={width.to_string()} height={AXIS_H.to_string()} viewBox={format!("0 0 {width} {AXIS_H}")} aria-hidden="true">
                    { for axis_title }
                    { axis(&scale, AXIS_H, AXIS_H) }
                    { for now_label }
                    { for scrub_label }
                </svg>
                <div class="lanes-scroll" tabindex="0" role="group" aria-label={format!("Lanes of the {tasks}: scroll to see each one")} {onscroll}>
                    <svg class="timeline" width={width.to_string()} height={body_h.to_string()} viewBox={format!("0 0 {width} {body_h}")}>
                        // The grid only: the tick labels (above the top) are in the axis above.
                        { axis(&scale, 0.0, body_h) }
                        <g class="lanes" role="list" onmouseover={onmouseover.clone()} onmouseleave={onmouseleave.clone()} onclick={onclick.clone()}>{ for rendered }</g>
                        { for now_line }
                        { for scrub_line }
                    </svg>
                </div>
                // Always there (0 px tall without resources): see `Scrubber`'s why-slot.
                <svg class="timeline" width={width.to_string()} height={resources_h.to_string()} viewBox={format!("0 0 {width} {resources_h}")}>
                    { resources::resource_rows(&resource_lanes, &resource_frame, 0.0) }
                </svg>
                <p class="lanes-note" data-testid="lane-count">
                    { format!("{tasks}, one lane each: scroll the lanes to see every one (keyboard: focus them, then ↑ ↓ PgUp PgDn Home End).") }
                </p>
            </div>
        }
    } else {
        let height = AXIS_H + body_h + resources_h + 6.0;
        let rendered = (0..layout.rows.len()).map(|r| row_at(r, AXIS_H + layout.offsets[r]));
        let now_cursor = now.map(|at| cursor(&scale, at, "now", Some("now"), Some("now"), 4.0, height, width));
        let warnings = crate::ui::context::shown_warnings(&state);
        let links = links::links(main, &warnings, &layout, shape, &scale, AXIS_H, scrub_at.or(now));
        let scrub_cursor = scrub_at
            .map(|at| cursor(&scale, at, "scrub-cursor", Some("scrub-cursor"), Some("t ="), 4.0, height, width));
        html! {
            <svg
                class="timeline"
                data-testid="timeline"
                data-source={source}
                width={width.to_string()}
                height={height.to_string()}
                viewBox={format!("0 0 {width} {height}")}
                role="group"
                aria-label={summary}
            >
                { for axis_title }
                { axis(&scale, AXIS_H, height - 6.0) }
                <g class="lanes" role="list" {onmouseover} {onmouseleave} {onclick}>{ for rendered }</g>
                { resources::resource_rows(&resource_lanes, &resource_frame, AXIS_H + body_h) }
                { links }
                { for now_cursor }
                { for scrub_cursor }
            </svg>
        }
    };

    html! {
        <section class={classes!("timeline-pane", "pane", stale.then_some("stale-preview"))}
            data-stale={stale.then_some("true")} aria-labelledby="timeline-heading">
            <div class="pane-head">
                <h2 id="timeline-heading">{ "Timeline" }</h2>
                <span class={classes!("badge", format!("badge-{source}"))}>
                    { if live.is_some() { "real run" } else { "preview · virtual clock" } }
                </span>
                <span class="pane-note">{ caption }</span>
                { view_options(&edit) }
            </div>
            <div class="timeline-scroll" ref={container} tabindex="0" role="group" aria-label="Timeline (scrolls sideways on small screens)">
                { drawing }
            </div>
            { legend(&state) }
        </section>
    }
}
