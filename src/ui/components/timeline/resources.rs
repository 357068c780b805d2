//! The resources' lanes, under the tasks': one per Queue, Lock, Semaphore, Event or Condition the
//! run made. A queue or a semaphore draws its level over time (items in it, permits taken) as a
//! step chart; a lock or a condition its holders as bars named after the task; an event the time
//! it was set. Waiting tasks are counted under the lane, and the moment shown (the cursor, or now)
//! names the holders and the waiters in order, in the lane's words and `data-` attributes.

use yew::prelude::*;

use crate::engine::{Micros, ResourceKind, TaskId};
use crate::insight::resources::ResourceLane;
use crate::ui::draw::Scale;
use crate::ui::format::{ms, secs};

/// A resource lane's height, and its chart's inside it.
pub(super) const RESOURCE_H: f64 = 46.0;
const CHART_Y: f64 = 8.0;
const CHART_H: f64 = 24.0;
/// The strip under the chart where the number of waiters is drawn.
const WAIT_Y: f64 = 36.0;

/// Everything a resource row needs from the drawing.
pub(super) struct Frame<'a> {
    pub(super) scale: &'a Scale,
    pub(super) width: f64,
    /// Room for the labels on the left (0 on a phone: the label is above the chart).
    pub(super) gutter: f64,
    /// The moment the lanes are told at (the cursor, now, or the end of the run).
    pub(super) at: Micros,
    /// Until when the run is drawn (the open end of a state).
    pub(super) end: Micros,
    pub(super) names: &'a [String],
}

fn name(names: &[String], task: TaskId) -> String {
    names.get(task).cloned().unwrap_or_else(|| format!("task {task}"))
}

fn list(names: &[String], tasks: &[TaskId]) -> String {
    tasks.iter().map(|&t| name(names, t)).collect::<Vec<_>>().join(", ")
}

/// The lanes, the first at `top`.
pub(super) fn resource_rows(lanes: &[ResourceLane], frame: &Frame, top: f64) -> Html {
    let rows = lanes.iter().enumerate().map(|(i, lane)| row(lane, frame, top + RESOURCE_H * i as f64));
    html! { <g class="resource-lanes" role="list" aria-label="Resources">{ for rows }</g> }
}

fn row(lane: &ResourceLane, frame: &Frame, top: f64) -> Html {
    let Frame { scale, width, gutter, at, end, names } = *frame;
    let kind = lane.kind.as_str();
    let holders = lane.holders_at(at);
    let waiters = lane.waiters_at(at);
    let level = lane.level_at(at);
    let about = match lane.kind {
        ResourceKind::Queue if lane.capacity > 0 => format!("Queue(maxsize={})", lane.capacity),
        ResourceKind::Queue => "Queue".to_string(),
        ResourceKind::Semaphore => format!("Semaphore({})", lane.capacity),
        ResourceKind::Lock => "Lock".to_string(),
        ResourceKind::Event => "Event".to_string(),
        ResourceKind::Condition => "Condition".to_string(),
    };
    let state = match lane.kind {
        ResourceKind::Queue => format!("{level} item{}", if level == 1 { "" } else { "s" }),
        ResourceKind::Event if level > 0 => "set".to_string(),
        ResourceKind::Event => "not set".to_string(),
        _ if holders.is_empty() => "free".to_string(),
        _ => format!("held by {}", list(names, holders)),
    };
    let waiting = if waiters.is_empty() { String::new() } else { format!("; waiting: {}", list(names, &waiters)) };
    let words = format!("{} ({about}) at {}: {state}{waiting}", lane.name, secs(at));
    let chart = match lane.kind {
        ResourceKind::Queue | ResourceKind::Semaphore => level_chart(lane, scale, end),
        ResourceKind::Event => set_bars(lane, scale, end),
        ResourceKind::Lock | ResourceKind::Condition => holder_bars(lane, scale, end, names),
    };
    // How many wait, over time: a step line under the chart, its height the count (up to 4).
    let waits = waiting_chart(lane, scale, end, names);
    let changes = lane.changes.iter().map(|c| {
        html! {
            <circle class="resource-change" data-testid="resource-change" data-ms={ms(c.at).to_string()} data-op={c.op.clone()}
                data-level={c.level.to_string()} data-by={name(names, c.by)}
                cx={format!("{:.1}", scale.x(c.at))} cy={(CHART_Y + CHART_H + 2.0).to_string()} r="1.6">
                <title>{ format!("{} {}(): {} at {}", name(names, c.by), c.op, c.level, secs(c.at)) }</title>
            </circle>
        }
    });
    let label_y = if gutter > 0.0 { 19.0 } else { 10.0 };
    html! {
        <g class={classes!("resource-lane", format!("resource-{kind}"))} role="listitem" aria-label={words.clone()}
            data-testid="resource-lane" data-resource={lane.name.clone()} data-kind={kind}
            data-level={level.to_string()} data-holders={list(names, holders)} data-waiters={list(names, &waiters)}
            transform={format!("translate(0,{top})")}>
            <rect class="lane-bg resource-bg" width={width.to_string()} height={RESOURCE_H.to_string()} />
            <g class="lane-label" aria-hidden="true">
                <title>{ words }</title>
                <text class="lane-name" x="12" y={label_y.to_string()}>{ lane.name.clone() }</text>
                if gutter > 0.0 {
                    <text class="lane-coro" x="12" y="34">{ format!("{about} · {state}") }</text>
                }
            </g>
            <g aria-hidden="true">
                { chart }
                { waits }
                { for changes }
            </g>
        </g>
    }
}

/// A queue's items or a semaphore's permits taken, as a step chart scaled to the most it held
/// (or its capacity), each level written where it changes if there is room.
fn level_chart(lane: &ResourceLane, scale: &Scale, end: Micros) -> Html {
    let top = lane.max_level().max(lane.capacity).max(1) as f64;
    let y = |level: usize| CHART_Y + CHART_H - CHART_H * (level as f64 / top);
    let mut d = format!("M{:.1} {:.1}", scale.x(lane.created), y(0));
    for c in &lane.changes {
        d.push_str(&format!(" H{:.1} V{:.1}", scale.x(c.at), y(c.level)));
    }
    d.push_str(&format!(" H{:.1} V{:.1} Z", scale.x(end), y(0)));
    let capacity = (lane.capacity > 0).then(|| {
        let cy = y(lane.capacity);
        html! { <line class="resource-capacity" x1={format!("{:.1}", scale.x(lane.created))} x2={format!("{:.1}", scale.x(end))} y1={format!("{cy:.1}")} y2={format!("{cy:.1}")} /> }
    });
    // The level after each change, where it differs from the one before and the text fits.
    let mut last_x = f64::NEG_INFINITY;
    let mut previous = 0;
    let labels = lane
        .changes
        .iter()
        .filter_map(|c| {
            let x = scale.x(c.at);
            let show = c.level != previous && x - last_x > 12.0;
            previous = c.level;
            show.then(|| {
                last_x = x;
                html! { <text class="resource-level" x={format!("{:.1}", x + 2.0)} y={format!("{:.1}", y(c.level) - 2.0)}>{ c.level }</text> }
            })
        })
        .collect::<Html>();
    html! {
        <>
            <path class="resource-area" d={d} />
            { for capacity }
            { labels }
        </>
    }
}

/// A lock's (or a condition's lock's) holders: a bar per holding, named after the task.
fn holder_bars(lane: &ResourceLane, scale: &Scale, end: Micros, names: &[String]) -> Html {
    let mut bars = Vec::new();
    let mut open: Option<(TaskId, Micros)> = None;
    for c in &lane.changes {
        let holder = c.holders.first().copied();
        match (open, holder) {
            (Some((t, _)), Some(h)) if t == h => {}
            (Some((t, since)), _) => {
                bars.push((t, since, c.at));
                open = holder.map(|h| (h, c.at));
            }
            (None, Some(h)) => open = Some((h, c.at)),
            (None, None) => {}
        }
    }
    if let Some((t, since)) = open {
        bars.push((t, since, end));
    }
    let drawn = bars.into_iter().map(|(task, from, to)| {
        let x = scale.x(from);
        let w = (scale.x(to) - x).max(2.0);
        let who = name(names, task);
        let fits = w > who.chars().count() as f64 * 6.5 + 8.0;
        html! {
            <g class="resource-held">
                <rect x={format!("{x:.1}")} y={CHART_Y.to_string()} width={format!("{w:.1}")} height={CHART_H.to_string()} rx="2">
                    <title>{ format!("held by {who} from {} to {}", secs(from), secs(to)) }</title>
                </rect>
                if fits {
                    <text x={format!("{:.1}", x + 4.0)} y={(CHART_Y + 16.0).to_string()}>{ who }</text>
                }
            </g>
        }
    });
    html! { <>{ for drawn }</> }
}

/// An event's set periods.
fn set_bars(lane: &ResourceLane, scale: &Scale, end: Micros) -> Html {
    let mut bars = Vec::new();
    let mut since: Option<Micros> = None;
    for c in &lane.changes {
        match (since, c.level > 0) {
            (None, true) => since = Some(c.at),
            (Some(from), false) => {
                bars.push((from, c.at));
                since = None;
            }
            _ => {}
        }
    }
    if let Some(from) = since {
        bars.push((from, end));
    }
    let drawn = bars.into_iter().map(|(from, to)| {
        let x = scale.x(from);
        let w = (scale.x(to) - x).max(2.0);
        html! {
            <g class="resource-held resource-set">
                <rect x={format!("{x:.1}")} y={CHART_Y.to_string()} width={format!("{w:.1}")} height={CHART_H.to_string()} rx="2">
                    <title>{ format!("set from {} to {}", secs(from), secs(to)) }</title>
                </rect>
                <text x={format!("{:.1}", x + 4.0)} y={(CHART_Y + 16.0).to_string()}>{ "set" }</text>
            </g>
        }
    });
    html! { <>{ for drawn }</> }
}

/// The number of tasks waiting on the resource over time, as a thin step chart (each task's wait
/// has its own tooltip-less share; the words and `data-waiters` name them at the moment).
fn waiting_chart(lane: &ResourceLane, scale: &Scale, end: Micros, names: &[String]) -> Html {
    if lane.waits.is_empty() {
        return Html::default();
    }
    let mut steps: Vec<(Micros, i64)> = Vec::new();
    for w in &lane.waits {
        steps.push((w.start, 1));
        steps.push((w.end.unwrap_or(end), -1));
    }
    // By time, an end (-1) before a start (+1) at the same moment, with the wasm's one sort.
    crate::sort::sort_by_key(&mut steps, |&(_, delta)| u64::from(delta > 0));
    crate::sort::sort_by_key(&mut steps, |&(at, _)| at);
    let y = |count: i64| WAIT_Y + 8.0 - 2.0 * count.min(4) as f64;
    let mut d = format!("M{:.1} {:.1}", scale.x(steps[0].0), y(0));
    let mut count = 0;
    let mut most = 0;
    for (at, delta) in steps {
        count += delta;
        most = most.max(count);
        d.push_str(&format!(" H{:.1} V{:.1}", scale.x(at), y(count)));
    }
    let who: Vec<String> = lane.waits.iter().map(|w| name(names, w.task)).collect();
    let title = format!("up to {most} waiting at once; in the order they came: {}", who.join(", "));
    html! { <path class="resource-wait" d={d}><title>{ title }</title></path> }
}
