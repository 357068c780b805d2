//! `TimelineView`: one lane per task, time left to right in seconds (1x scale). Each lane shows
//! when its task was ready, running, waiting (and on what), late, busy with CPU work, and how it
//! ended; dots above the lane are its prints. During and after a real run, the ideal run is drawn
//! faintly behind it, so lateness is visible; a cursor shows "now" while it runs.

use yew::prelude::*;

use crate::engine::{Lane, Micros, SegmentKind};
use crate::ui::draw::{axis, bar, end_mark, is_end, Scale};
use crate::ui::format::{fit, secs, thousands};
use crate::ui::state::{use_page, Phase};
use crate::ui::trace::Trace;
use crate::ui::viewport::use_width;

use super::legend::Legend;
use super::view_options::ViewOptions;

const AXIS_H: f64 = 34.0;
const GAP_H: f64 = 30.0;
/// With more tasks than this the lanes get compact: one line of label, a thinner bar.
const ROOMY_LANES: usize = 8;
/// More tasks than this (a run of thousands) are summarised: the first ones, a gap, the last ones.
const MAX_ROWS: usize = 40;
const HEAD_ROWS: usize = 32;
const TAIL_ROWS: usize = 6;

/// The vertical layout of a lane.
#[derive(Clone, Copy)]
struct LaneShape {
    height: f64,
    bar_y: f64,
    bar_h: f64,
    /// Room for the label's second and third lines, the prints' text and the text in bars.
    roomy: bool,
    /// On a phone: the label is a line above the bar, which gets the whole width.
    stacked: bool,
}

const ROOMY: LaneShape = LaneShape { height: 54.0, bar_y: 24.0, bar_h: 18.0, roomy: true, stacked: false };
const STACKED: LaneShape = LaneShape { height: 50.0, bar_y: 28.0, bar_h: 15.0, roomy: true, stacked: true };
const COMPACT: LaneShape = LaneShape { height: 22.0, bar_y: 6.0, bar_h: 11.0, roomy: false, stacked: false };
/// Below this width (a phone) lanes are stacked rather than labelled on the left.
const NARROW: f64 = 640.0;

enum Row {
    Lane(usize),
    /// A coroutine the lane's task awaited directly (`Lane::calls`): a sub-row under its lane.
    Call {
        lane: usize,
        call: usize,
    },
    Gap {
        hidden: usize,
        first: usize,
        last: usize,
    },
}

/// A call's sub-row: thinner than a lane, its bar under the lane's (on a phone its label is above
/// its bar, as for lanes).
const CALL_H: f64 = 26.0;
const CALL_H_STACKED: f64 = 32.0;

/// How many calls lane `i` has, in the real run or its ideal twin.
fn calls_of(main: &Trace, ghost: Option<&Trace>, i: usize) -> usize {
    let count = |t: &Trace| t.timeline.lanes.get(i).map_or(0, |l| l.calls.len());
    count(main).max(ghost.map_or(0, count))
}

fn rows(count: usize, main: &Trace, ghost: Option<&Trace>) -> Vec<Row> {
    if count <= MAX_ROWS {
        // Each lane, then a sub-row per call it awaited directly (the sequential loop of 44.3).
        return (0..count)
            .flat_map(|i| {
                std::iter::once(Row::Lane(i))
                    .chain((0..calls_of(main, ghost, i)).map(move |call| Row::Call { lane: i, call }))
            })
            .collect();
    }
    let mut rows: Vec<Row> = (0..HEAD_ROWS).map(Row::Lane).collect();
    rows.push(Row::Gap { hidden: count - HEAD_ROWS - TAIL_ROWS, first: HEAD_ROWS, last: count - TAIL_ROWS - 1 });
    rows.extend((count - TAIL_ROWS..count).map(Row::Lane));
    rows
}

/// What the lane's third label line says: how the task ended, or what it is doing.
fn outcome(lane: &Lane, running: bool) -> (String, &'static str) {
    match lane.outcome().map(|s| (&s.kind, s.start)) {
        Some((SegmentKind::Done, at)) => (format!("✓ done at {}", secs(at)), "outcome-done"),
        Some((SegmentKind::Cancelled { at: on }, _)) => (format!("✕ cancelled in {on}"), "outcome-cancelled"),
        Some((SegmentKind::Failed { error }, _)) => (format!("! failed: {error}"), "outcome-failed"),
        _ if running => match lane.segments.last().map(|s| &s.kind) {
            Some(SegmentKind::Waiting { on }) => (format!("… waiting on {on}"), "outcome-open"),
            Some(SegmentKind::Late { .. }) => ("… late: the loop is busy".to_string(), "outcome-open"),
            Some(SegmentKind::Cpu { .. }) => ("… busy with CPU work".to_string(), "outcome-open"),
            _ => ("… running".to_string(), "outcome-open"),
        },
        _ => ("(still pending when the run ended)".to_string(), "outcome-open"),
    }
}

/// The dots for a lane's prints (prints closer than a few pixels share one), each with as much of
/// its text as fits: right of the dot, or left of it when the left has more room (the last
/// print, at the right edge). Labels never overlap: each starts after the previous one ends.
fn print_marks(scale: &Scale, lane: &Lane, shape: LaneShape, right: f64) -> Html {
    const CHAR_W: f64 = 6.4; // 10.5 px monospace
    let mut groups: Vec<(f64, Vec<(Micros, &str)>)> = Vec::new();
    for print in &lane.prints {
        let x = scale.x(print.at);
        match groups.last_mut() {
            Some((gx, texts)) if x - *gx < 7.0 => texts.push((print.at, &print.text)),
            _ => groups.push((x, vec![(print.at, &print.text)])),
        }
    }
    let dot_y = match shape {
        LaneShape { stacked: true, .. } => shape.bar_y - 6.0,
        LaneShape { roomy: true, .. } => 10.0,
        _ => shape.bar_y + shape.bar_h / 2.0,
    };
    let mut free_from = scale.x0;
    let mut marks = Vec::with_capacity(groups.len());
    for (i, (x, texts)) in groups.iter().enumerate() {
        let x = *x;
        let title =
            texts.iter().map(|(at, text)| format!("{}  print: {text}", secs(*at))).collect::<Vec<_>>().join("\n");
        let label = texts.iter().map(|(_, text)| text.replace('\n', " ⏎ ")).collect::<Vec<_>>().join(" · ");
        let fits = |room: f64| (room / CHAR_W).floor().max(0.0) as usize;
        let room_right = groups.get(i + 1).map_or(right, |(next, _)| *next) - x - 12.0;
        let room_left = x - free_from - 12.0;
        let wanted = label.chars().count();
        let placed = if !shape.roomy || shape.stacked {
            None
        } else if fits(room_right) >= wanted || room_right >= room_left {
            fit(&label, fits(room_right)).map(|text| {
                free_from = x + 6.0 + text.chars().count() as f64 * CHAR_W;
                (text, x + 6.0, "start")
            })
        } else {
            fit(&label, fits(room_left)).map(|text| {
                free_from = x + 4.0;
                (text, x - 6.0, "end")
            })
        };
        free_from = free_from.max(x + 4.0);
        marks.push(html! {
            <g class="print-mark" data-testid="print-mark">
                <title>{ title }</title>
                if shape.roomy {
                    <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={dot_y.to_string()} y2={shape.bar_y.to_string()} />
                }
                <circle cx={format!("{x:.1}")} cy={dot_y.to_string()} r={if shape.roomy { "3.5" } else { "3" }} />
                if let Some((text, text_x, anchor)) = placed {
                    <text class="print-label" x={format!("{text_x:.1}")} y="13" text-anchor={anchor}>{ text }</text>
                }
            </g>
        });
    }
    html! { <g class="prints">{ for marks }</g> }
}

/// A call's sub-row: the lane's states while its task was inside the call (cut from the lane),
/// the ideal run's behind them, and how the call ended.
#[allow(clippy::too_many_arguments)]
fn call_row(
    scale: &Scale,
    main: &Trace,
    ghost: Option<&Trace>,
    lane: usize,
    index: usize,
    top: f64,
    width: f64,
    now: Option<Micros>,
    stacked: bool,
) -> Html {
    let real = main.timeline.lanes.get(lane).and_then(|l| l.calls.get(index).map(|c| (l, c)));
    let twin = ghost.and_then(|g| g.timeline.lanes.get(lane)).and_then(|l| l.calls.get(index).map(|c| (l, c)));
    let Some((_, label)) = real.or(twin) else { return Html::default() };
    // On a phone the label goes above the bar, as for lanes.
    let (bar_y, bar_h, height) = if stacked { (17.0, 10.0, CALL_H_STACKED) } else { (9.0, 11.0, CALL_H) };
    let ghost_bars = twin.map(|(lane, call)| {
        let end = call.end.unwrap_or(lane.ended.unwrap_or(call.start));
        let bars = lane
            .segments_within(call.start, end)
            .into_iter()
            .map(|s| bar(scale, &call.name, &s, bar_y - 2.0, bar_h + 4.0, "ideal-segment", false))
            .collect::<Vec<_>>();
        html! { <g class="ghost" aria-hidden="true">{ for bars }</g> }
    });
    let content = real.map(|(lane, call)| {
        let end = call.end.or(now).unwrap_or(main.timeline.end);
        let bars = lane
            .segments_within(call.start, end)
            .into_iter()
            .map(|s| bar(scale, &call.name, &s, bar_y, bar_h, "call-segment", false))
            .collect::<Vec<_>>();
        let mark = call.end.map(|at| {
            let kind = match &call.error {
                None => SegmentKind::Done,
                Some(error) if error.starts_with("CancelledError") => SegmentKind::Cancelled { at: call.name.clone() },
                Some(error) => SegmentKind::Failed { error: error.clone() },
            };
            end_mark(
                scale,
                &call.name,
                &crate::engine::Segment { start: at, end: at, kind },
                bar_y + bar_h / 2.0,
                5.5,
                "call-segment",
            )
        });
        html! { <>{ for bars }{ for mark }</> }
    });
    let outcome = match real.map(|(_, c)| (c.end, &c.error)) {
        Some((Some(at), None)) => format!("returned at {}", secs(at)),
        Some((Some(_), Some(error))) => format!("raised {error}"),
        Some((None, _)) => "running".to_string(),
        None => "not called yet".to_string(),
    };
    let label_x = if stacked { 10.0 } else { 24.0 };
    html! {
        <g
            class={classes!("lane", "call-row", real.is_none().then_some("lane-future"))}
            data-testid="call-row"
            data-task={main.timeline.lanes.get(lane).map(|l| l.name.clone())}
            data-call={label.name.clone()}
            transform={format!("translate(0,{top})")}
            key={format!("{lane}-call-{index}")}
        >
            <rect class="lane-bg call-bg" x="0" y="0" width={width.to_string()} height={height.to_string()} />
            <g class="lane-label">
                <title>{ format!("await {}\n{outcome}\n(awaited directly: it runs inside its caller's task, on the lane above)", label.call) }</title>
                <text class="call-name" x={label_x.to_string()} y={if stacked { "11" } else { "18" }}>{ format!("↳ {}", label.name) }</text>
            </g>
            { for ghost_bars }
            { for content }
        </g>
    }
}

#[function_component(TimelineView)]
pub fn timeline_view() -> Html {
    let state = use_page();
    let container = use_node_ref();
    let measured = use_width(container.clone(), (state.scenario.id, state.comparison.is_some()));
    let phase = state.phase();
    let running = phase == Phase::Running;
    let live = state.live.as_ref();
    let main: &Trace = state.shown();
    // Behind a real run, its ideal twin (unless switched off in the view options).
    let ghost: Option<&Trace> = live.filter(|_| state.view.ideal).map(|_| &state.ideal.trace);
    let now = live.filter(|_| running).map(|l| l.now);

    let narrow = measured > 0 && f64::from(measured) < NARROW;
    let width = match measured {
        0 => 960.0,
        m if narrow => f64::from(m).max(300.0),
        m => f64::from(m),
    };
    let span = [Some(main.timeline.end), ghost.map(|g| g.timeline.end), now, state.ideal.total]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    // A little room after the end so the last marks are not cut.
    let count = main.timeline.lanes.len().max(ghost.map_or(0, |g| g.timeline.lanes.len()));
    let shape = match (count > ROOMY_LANES, narrow) {
        (true, _) => COMPACT,
        (false, true) => STACKED,
        (false, false) => ROOMY,
    };
    let gutter = match (shape.stacked, narrow, width < 860.0) {
        (true, _, _) => 0.0,
        (false, true, _) => 96.0,
        (false, false, true) => 170.0,
        (false, false, false) => 230.0,
    };
    let scale =
        Scale::new(gutter + if shape.stacked { 10.0 } else { 14.0 }, width - if narrow { 16.0 } else { 36.0 }, span);
    let rows = rows(count, main, ghost);
    let body_h: f64 = rows
        .iter()
        .map(|r| match r {
            Row::Gap { .. } => GAP_H,
            Row::Call { .. } if shape.stacked => CALL_H_STACKED,
            Row::Call { .. } => CALL_H,
            Row::Lane(_) => shape.height,
        })
        .sum();
    let height = AXIS_H + body_h + 6.0;
    let name_chars = if shape.stacked { 40 } else { ((gutter - 18.0) / 7.4) as usize };
    let coro_chars = if shape.stacked { 60 } else { ((gutter - 18.0) / 6.7) as usize };

    let mut y = AXIS_H;
    let drawn = rows.iter().map(|row| {
        let top = y;
        match row {
            Row::Gap { hidden, first, last } => {
                y += GAP_H;
                let names = |i: usize| main.timeline.lanes.get(i).or_else(|| ghost.and_then(|g| g.timeline.lanes.get(i))).map_or(String::new(), |l| l.name.clone());
                html! {
                    <g class="lane-gap" transform={format!("translate(0,{top})")} key="gap">
                        <title>{ "Only the first and last tasks are drawn; all of them ran, and all are counted in the total." }</title>
                        <text x="12" y="19" class="gap-label">
                            { format!("⋮ {} more tasks, {} … {}, not drawn", thousands(*hidden), names(*first), names(*last)) }
                        </text>
                    </g>
                }
            }
            Row::Call { lane, call } => {
                y += if shape.stacked { CALL_H_STACKED } else { CALL_H };
                call_row(&scale, main, ghost, *lane, *call, top, width, now, shape.stacked)
            }
            Row::Lane(i) => {
                y += shape.height;
                let lane = main.timeline.lanes.get(*i);
                let twin = ghost.and_then(|g| g.timeline.lanes.get(*i));
                let Some(label_lane) = lane.or(twin) else { return Html::default() };
                let ghost_bars = twin.map(|twin| {
                    let bars = twin.segments.iter().map(|s| {
                        if is_end(&s.kind) {
                            end_mark(&scale, &twin.name, s, shape.bar_y + shape.bar_h / 2.0, shape.bar_h / 2.0 + 1.0, "ideal-segment")
                        } else {
                            bar(&scale, &twin.name, s, shape.bar_y - 3.0, shape.bar_h + 6.0, "ideal-segment", false)
                        }
                    });
                    html! { <g class="ghost" aria-hidden="true">{ for bars }</g> }
                });
                let (outcome_text, outcome_class) = match lane {
                    Some(lane) => outcome(lane, running),
                    None => ("not created yet".to_string(), "outcome-open"),
                };
                let content = lane.map(|lane| {
                    let bars = lane.segments.iter().filter(|s| !is_end(&s.kind)).map(|s| bar(&scale, &lane.name, s, shape.bar_y, shape.bar_h, "segment", shape.roomy));
                    let end_r = if shape.roomy { 7.5 } else { 5.0 };
                    let ends = lane.segments.iter().filter(|s| is_end(&s.kind)).map(|s| end_mark(&scale, &lane.name, s, shape.bar_y + shape.bar_h / 2.0, end_r, "segment"));
                    let turns = main.runs.get(*i).into_iter().flatten().map(|&at| {
                        let x = scale.x(at);
                        html! { <rect class="run-mark" x={format!("{:.1}", x - 1.0)} y={(shape.bar_y - 3.0).to_string()} width="2" height={(shape.bar_h + 6.0).to_string()} /> }
                    });
                    html! {
                        <>
                            { for bars }
                            <g class="turns" aria-hidden="true">{ for turns }</g>
                            { for ends }
                            { print_marks(&scale, lane, shape, width - 4.0) }
                        </>
                    }
                });
                // gather() names its tasks after their coroutine: no need to say it twice.
                let coro_full = if label_lane.coro == label_lane.name { String::new() } else { label_lane.coro.clone() };
                let coro = fit(&coro_full, coro_chars).unwrap_or_default();
                // Stacked: the outcome's symbol and time only ("✓ 2.000s"), the rest of the line for the name.
                let outcome_short = match outcome_text.split_once(' ') {
                    Some((symbol, _)) if outcome_class == "outcome-done" => format!("{symbol} {}", outcome_text.rsplit(' ').next().unwrap_or("")),
                    Some((symbol, _)) if outcome_class != "outcome-open" => symbol.to_string(),
                    _ => String::new(),
                };
                let stacked_room = (((width - 20.0) / 7.0) as usize).saturating_sub(outcome_short.chars().count() + 2);
                let name = fit(&label_lane.name, name_chars).unwrap_or_default();
                let (testid, task) = match lane {
                    Some(lane) => ("lane", lane.name.clone()),
                    None => ("ideal-lane", label_lane.name.clone()),
                };
                html! {
                    <g
                        class={classes!("lane", lane.is_none().then_some("lane-future"))}
                        data-testid={testid}
                        data-task={task}
                        transform={format!("translate(0,{top})")}
                        key={*i}
                    >
                        <rect class="lane-bg" x="0" y="0" width={width.to_string()} height={shape.height.to_string()} />
                        <g class="lane-label">
                            <title>{ format!("{} = {}\n{}", label_lane.name, label_lane.coro, outcome_text) }</title>
                            if shape.stacked {
                                // One line: name and call on the left, the outcome on the right.
                                <text class={classes!("lane-outcome", outcome_class)} x={(width - 10.0).to_string()} y="15" text-anchor="end">
                                    { outcome_short.clone() }
                                </text>
                                <text class="lane-name" x="10" y="15">
                                    { fit(&label_lane.name, stacked_room).unwrap_or_default() }
                                    <tspan class="lane-coro" dx="8">
                                        { fit(&coro_full, stacked_room.saturating_sub(label_lane.name.chars().count() + 2)).unwrap_or_default() }
                                    </tspan>
                                </text>
                            } else if shape.roomy {
                                <text class="lane-name" x="12" y="19">{ name }</text>
                                <text class="lane-coro" x="12" y="34">{ coro }</text>
                                <text class={classes!("lane-outcome", outcome_class)} x="12" y="48">
                                    { fit(&outcome_text, coro_chars).unwrap_or_default() }
                                </text>
                            } else {
                                <text class="lane-name lane-name-compact" x="12" y="15">{ name }</text>
                            }
                        </g>
                        { for ghost_bars }
                        { for content }
                    </g>
                }
            }
        }
    });
    let rendered: Vec<Html> = drawn.collect();

    let cursor = now.map(|now| {
        let x = scale.x(now);
        let anchor = if x > width - 120.0 { "end" } else { "start" };
        let text_x = if anchor == "end" { x - 5.0 } else { x + 5.0 };
        html! {
            <g class="now" data-testid="now" data-ms={crate::ui::format::ms(now).to_string()} aria-hidden="true">
                <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1="4" y2={height.to_string()} />
                <text x={format!("{text_x:.1}")} y="12" text-anchor={anchor}>{ format!("now {}", secs(now)) }</text>
            </g>
        }
    });

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
    let summary = format!(
        "Timeline of {} task{}, {} in total. {}",
        thousands(count),
        if count == 1 { "" } else { "s" },
        secs(span),
        caption
    );
    html! {
        <section class="timeline-pane pane" aria-labelledby="timeline-heading">
            <div class="pane-head">
                <h2 id="timeline-heading">{ "Timeline" }</h2>
                <span class={classes!("badge", format!("badge-{source}"))}>
                    { if live.is_some() { "real run" } else { "preview · virtual clock" } }
                </span>
                <span class="pane-note">{ caption }</span>
                <ViewOptions />
            </div>
            <div class="timeline-scroll" ref={container} tabindex="0" aria-label="Timeline (scrolls sideways on small screens)">
                <svg
                    class="timeline"
                    data-testid="timeline"
                    data-source={source}
                    width={width.to_string()}
                    height={height.to_string()}
                    viewBox={format!("0 0 {width} {height}")}
                    role="img"
                    aria-label={summary}
                >
                    if !shape.stacked {
                        <text class="axis-title" x="12" y={(AXIS_H - 8.0).to_string()}>{ "time →" }</text>
                    }
                    { axis(&scale, AXIS_H, height - 6.0) }
                    <g class="lanes">{ for rendered }</g>
                    { for cursor }
                </svg>
            </div>
            <Legend />
        </section>
    }
}
