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
//! list item labelled in words (`lane_words`), each state and print an image named by its
//! `<title>`; the drawn labels, axis, cursor and ideal run are hidden from them (they repeat what
//! the words say, or are decoration).

use yew::prelude::*;
use yew::virtual_dom::Key;

use crate::engine::{Lane, Micros, SegmentKind};
use crate::ui::context::use_page;
use crate::ui::draw::{axis, bar, end_mark, is_end, Scale};
use crate::ui::format::{fit, secs, thousands};
use crate::ui::shared::Shared;
use crate::ui::state::run::Phase;
use crate::ui::trace::Trace;
use crate::ui::viewport::{scroll_top, use_width};

use super::legend::legend;
use super::view_options::view_options;

const AXIS_H: f64 = 34.0;
/// With more tasks than this the lanes get compact: one line of label, a thinner bar.
const ROOMY_LANES: usize = 8;
/// More rows than this scroll in a box (`.lanes-scroll`, max-height 440 px in style.css) and are
/// virtualised: only those in view are rendered.
const VIRTUAL_ROWS: usize = 40;
/// The rows in the DOM are chosen again only when the scroll position enters another block of
/// this many pixels (a re-render per block, not per scroll event); `OVERSCAN_PX` more are
/// rendered above and below, so a block's worth of scrolling never shows an empty row.
const BLOCK_PX: f64 = 88.0;
const OVERSCAN_PX: f64 = 88.0;
/// The scroll box's height (style.css `.lanes-scroll`): the rows in view are within it.
const BOX_H: f64 = 440.0;
/// Room for the scroll box's vertical scroll bar, so the lanes and the axis above them keep the
/// same scale.
const SCROLLBAR_W: f64 = 16.0;

/// The vertical layout of a lane.
#[derive(Clone, Copy, PartialEq)]
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

#[derive(Clone, Copy, PartialEq)]
enum Row {
    Lane(usize),
    /// A coroutine the lane's task awaited directly (`Lane::calls`): a sub-row under its lane.
    Call {
        lane: usize,
        call: usize,
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

/// Each lane, then a sub-row per call it awaited directly (the sequential loop of 44.3).
fn rows(count: usize, main: &Trace, ghost: Option<&Trace>) -> Vec<Row> {
    (0..count)
        .flat_map(|i| {
            std::iter::once(Row::Lane(i))
                .chain((0..calls_of(main, ghost, i)).map(move |call| Row::Call { lane: i, call }))
        })
        .collect()
}

/// `1.234`: a time in seconds for the words read out (the unit is said once, after the number).
fn s3(at: Micros) -> String {
    format!("{:.3}", at as f64 / 1e6)
}

/// A lane in words, for screen readers: who it is, what it waited on (and when it was late or
/// busy with CPU work) from when to when, and how it ended. E.g. `task1 = say_hello('Alice', 2):
/// waiting on sleep(2) from 0.000 to 2.000 s; done at 2.000 s`. Running and ready spells are
/// instants in these programs (the bars' own names say them); the waits are what the chapter is
/// about.
fn lane_words(lane: &Lane, running: bool) -> String {
    /// A lane of a thousand waits is not read out whole: the first ones, then how many more.
    const MAX_SPELLS: usize = 12;
    let mut words = if lane.coro == lane.name { lane.name.clone() } else { format!("{} = {}", lane.name, lane.coro) };
    words.push_str(": ");
    let spells: Vec<String> = lane
        .segments
        .iter()
        .filter_map(|s| {
            let (from, to) = (s3(s.start), s3(s.end));
            match &s.kind {
                SegmentKind::Waiting { on } => Some(format!("waiting on {on} from {from} to {to} s")),
                SegmentKind::Late { on } => {
                    Some(format!("late ({on} was due, the loop was busy) from {from} to {to} s"))
                }
                SegmentKind::Cpu { call } => {
                    Some(format!("CPU-bound {call}, blocking the loop, from {from} to {to} s"))
                }
                _ => None,
            }
        })
        .collect();
    match spells.len() {
        0 => words.push_str("never waited"),
        n if n > MAX_SPELLS => {
            words.push_str(&spells[..MAX_SPELLS].join("; "));
            words.push_str(&format!("; and {} more", n - MAX_SPELLS));
        }
        _ => words.push_str(&spells.join("; ")),
    }
    words.push_str("; ");
    match lane.outcome().map(|s| (&s.kind, s.start)) {
        Some((SegmentKind::Done, at)) => words.push_str(&format!("done at {} s", s3(at))),
        Some((SegmentKind::Cancelled { at: on }, at)) => words.push_str(&format!("cancelled at {} s, in {on}", s3(at))),
        Some((SegmentKind::Failed { error }, at)) => words.push_str(&format!("failed at {} s: {error}", s3(at))),
        _ if running => words.push_str("still running"),
        _ => words.push_str("still pending when the run ended"),
    }
    words
}

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
    if lane.prints.is_empty() {
        // Nothing to draw: no empty group either (thousands of lanes scroll through the DOM).
        return Html::default();
    }
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
            <g class="print-mark" data-testid="print-mark" role="img">
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
    let words = format!("↳ {}: await {} (awaited directly, inside the lane above): {outcome}", label.name, label.call);
    html! {
        <g
            class={classes!("lane", "call-row", real.is_none().then_some("lane-future"))}
            role="listitem"
            aria-label={words}
            data-testid="call-row"
            data-task={main.timeline.lanes.get(lane).map(|l| l.name.clone())}
            data-call={label.name.clone()}
            transform={format!("translate(0,{top})")}
        >
            <rect class="lane-bg call-bg" width={width.to_string()} height={height.to_string()} />
            <g class="lane-label" aria-hidden="true">
                <title>{ format!("await {}\n{outcome}\n(awaited directly: it runs inside its caller's task, on the lane above)", label.call) }</title>
                <text class="call-name" x={label_x.to_string()} y={if stacked { "11" } else { "18" }}>{ format!("↳ {}", label.name) }</text>
            </g>
            { for ghost_bars }
            { for content }
        </g>
    }
}

/// A row's own key (a drawing of every row): its lane, or its lane and call.
fn row_key(row: &Row) -> Key {
    match row {
        Row::Lane(i) => Key::from(*i),
        Row::Call { lane, call } => Key::from(format!("{lane}-call-{call}")),
    }
}

/// How every row of one drawing is drawn (the runs aside).
#[derive(Clone, Copy, PartialEq)]
struct Look {
    scale: Scale,
    shape: LaneShape,
    width: f64,
    now: Option<Micros>,
    running: bool,
    name_chars: usize,
    coro_chars: usize,
}

/// A row's height in a drawing of lanes shaped `shape`.
fn row_height(shape: LaneShape, row: &Row) -> f64 {
    match row {
        Row::Call { .. } if shape.stacked => CALL_H_STACKED,
        Row::Call { .. } => CALL_H,
        Row::Lane(_) => shape.height,
    }
}

/// The rows of a drawing and where each one is: its top, then the bottom of the last row.
struct Layout {
    rows: Vec<Row>,
    offsets: Vec<f64>,
}

impl Layout {
    fn of(main: &Trace, ghost: Option<&Trace>, shape: LaneShape) -> Layout {
        let count = main.timeline.lanes.len().max(ghost.map_or(0, |g| g.timeline.lanes.len()));
        let rows = rows(count, main, ghost);
        let mut offsets = Vec::with_capacity(rows.len() + 1);
        let mut y = 0.0;
        for row in &rows {
            offsets.push(y);
            y += row_height(shape, row);
        }
        offsets.push(y);
        Layout { rows, offsets }
    }

    fn height(&self) -> f64 {
        self.offsets.last().copied().unwrap_or(0.0)
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    main: Shared<Trace>,
    ghost: Option<Shared<Trace>>,
    row: Row,
    top: f64,
    look: Look,
}

/// One row of the timeline, a component of its own: while the lanes scroll, a row that stays in
/// view keeps equal props (the same runs, compared by identity), so it is neither rendered nor
/// diffed again; only the rows scrolled in are built.
#[function_component(TimelineRow)]
fn timeline_row(props: &RowProps) -> Html {
    let ctx = Ctx { look: props.look, main: &props.main, ghost: props.ghost.as_deref() };
    ctx.row(&props.row, props.top)
}

/// What every row of one drawing shares.
struct Ctx<'a> {
    look: Look,
    main: &'a Trace,
    ghost: Option<&'a Trace>,
}

impl Ctx<'_> {
    /// Row `row` at `top`.
    fn row(&self, row: &Row, top: f64) -> Html {
        match row {
            Row::Call { lane, call } => call_row(
                &self.look.scale,
                self.main,
                self.ghost,
                *lane,
                *call,
                top,
                self.look.width,
                self.look.now,
                self.look.shape.stacked,
            ),
            Row::Lane(i) => self.lane(*i, top),
        }
    }

    /// Lane `i`: its label, the ideal run behind it, its states, turns, end and prints.
    fn lane(&self, i: usize, top: f64) -> Html {
        let Look { scale, shape, width, running, name_chars, coro_chars, .. } = self.look;
        let (main, ghost) = (self.main, self.ghost);
        let scale = &scale;
        let lane = main.timeline.lanes.get(i);
        let twin = ghost.and_then(|g| g.timeline.lanes.get(i));
        let Some(label_lane) = lane.or(twin) else { return Html::default() };
        let ghost_bars = twin.map(|twin| {
            let bars = twin.segments.iter().map(|s| {
                if is_end(&s.kind) {
                    end_mark(
                        scale,
                        &twin.name,
                        s,
                        shape.bar_y + shape.bar_h / 2.0,
                        shape.bar_h / 2.0 + 1.0,
                        "ideal-segment",
                    )
                } else {
                    bar(scale, &twin.name, s, shape.bar_y - 3.0, shape.bar_h + 6.0, "ideal-segment", false)
                }
            });
            html! { <g class="ghost" aria-hidden="true">{ for bars }</g> }
        });
        let (outcome_text, outcome_class) = match lane {
            Some(lane) => outcome(lane, running),
            None => ("not created yet".to_string(), "outcome-open"),
        };
        let content = lane.map(|lane| {
            let bars = lane
                .segments
                .iter()
                .filter(|s| !is_end(&s.kind))
                .map(|s| bar(scale, &lane.name, s, shape.bar_y, shape.bar_h, "segment", shape.roomy));
            let end_r = if shape.roomy { 7.5 } else { 5.0 };
            let ends = lane
                .segments
                .iter()
                .filter(|s| is_end(&s.kind))
                .map(|s| end_mark(scale, &lane.name, s, shape.bar_y + shape.bar_h / 2.0, end_r, "segment"));
            let turns = main.runs.get(i).into_iter().flatten().map(|&at| {
                let x = scale.x(at);
                html! { <rect class="run-mark" x={format!("{:.1}", x - 1.0)} y={(shape.bar_y - 3.0).to_string()} width="2" height={(shape.bar_h + 6.0).to_string()} /> }
            });
            html! {
                <>
                    { for bars }
                    // No wrapper: a bare rect is not exposed to assistive tech anyway, and with
                    // thousands of lanes every element scrolled into view counts.
                    { for turns }
                    { for ends }
                    { print_marks(scale, lane, shape, width - 4.0) }
                </>
            }
        });
        // gather() names its tasks after their coroutine: no need to say it twice.
        let coro_full = if label_lane.coro == label_lane.name { String::new() } else { label_lane.coro.clone() };
        let coro = fit(&coro_full, coro_chars).unwrap_or_default();
        // Stacked: the outcome's symbol and time only ("✓ 2.000s"), the rest of the line for the name.
        let outcome_short = match outcome_text.split_once(' ') {
            Some((symbol, _)) if outcome_class == "outcome-done" => {
                format!("{symbol} {}", outcome_text.rsplit(' ').next().unwrap_or(""))
            }
            Some((symbol, _)) if outcome_class != "outcome-open" => symbol.to_string(),
            _ => String::new(),
        };
        let stacked_room = (((width - 20.0) / 7.0) as usize).saturating_sub(outcome_short.chars().count() + 2);
        let name = fit(&label_lane.name, name_chars).unwrap_or_default();
        let title = format!("{} = {}\n{}", label_lane.name, label_lane.coro, outcome_text);
        let (testid, task, words) = match lane {
            Some(lane) => ("lane", lane.name.clone(), lane_words(lane, running)),
            None => (
                "ideal-lane",
                label_lane.name.clone(),
                format!("{} = {}: not created yet (the ideal run is drawn faintly)", label_lane.name, label_lane.coro),
            ),
        };
        html! {
            <g
                class={classes!("lane", lane.is_none().then_some("lane-future"))}
                role="listitem"
                aria-label={words}
                data-testid={testid}
                data-task={task}
                transform={format!("translate(0,{top})")}
            >
                <rect class="lane-bg" width={width.to_string()} height={shape.height.to_string()} />
                if !shape.roomy {
                    // Compact (many lanes): the name alone, its tooltip inside it (one element
                    // less per lane than the group below).
                    <text class="lane-label lane-name lane-name-compact" x="12" y="15" aria-hidden="true">
                        <title>{ title }</title>
                        { name }
                    </text>
                } else {
                    <g class="lane-label" aria-hidden="true">
                        <title>{ title }</title>
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
                        } else {
                            <text class="lane-name" x="12" y="19">{ name }</text>
                            <text class="lane-coro" x="12" y="34">{ coro }</text>
                            <text class={classes!("lane-outcome", outcome_class)} x="12" y="48">
                                { fit(&outcome_text, coro_chars).unwrap_or_default() }
                            </text>
                        }
                    </g>
                }
                { for ghost_bars }
                { for content }
            </g>
        }
    }
}

/// Rows `first..end` of `offsets` (each row's top, then the total height) that meet the window
/// around scroll block `block`; `first` is even, so the zebra striping (`:nth-child(even)`)
/// doesn't flip as rows come and go.
fn window(offsets: &[f64], block: u32) -> (usize, usize) {
    let rows = offsets.len().saturating_sub(1);
    let top = f64::from(block) * BLOCK_PX - OVERSCAN_PX;
    let bottom = f64::from(block) * BLOCK_PX + BLOCK_PX + BOX_H + OVERSCAN_PX;
    // The first row whose bottom is below `top`, the first whose top is at or below `bottom`.
    let first = offsets[1..].partition_point(|&end| end <= top).min(rows);
    let end = offsets[..rows].partition_point(|&start| start < bottom).max(first);
    (first & !1, end)
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
    let phase = state.phase();
    let running = phase == Phase::Running;
    let live = state.run.live.as_ref();
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
                        <g class="lanes" role="list">{ for rendered }</g>
                        { for now_line }
                        { for scrub_line }
                    </svg>
                </div>
                <p class="lanes-note" data-testid="lane-count">
                    { format!("{tasks}, one lane each: scroll the lanes to see every one (keyboard: focus them, then ↑ ↓ PgUp PgDn Home End).") }
                </p>
            </div>
        }
    } else {
        let height = AXIS_H + body_h + 6.0;
        let rendered = (0..layout.rows.len()).map(|r| row_at(r, AXIS_H + layout.offsets[r]));
        let now_cursor = now.map(|at| cursor(&scale, at, "now", Some("now"), Some("now"), 4.0, height, width));
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
                <g class="lanes" role="list">{ for rendered }</g>
                { for now_cursor }
                { for scrub_cursor }
            </svg>
        }
    };

    html! {
        <section class="timeline-pane pane" aria-labelledby="timeline-heading">
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
