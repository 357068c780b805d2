//! The timeline's geometry, apart from its drawing: the shapes of lanes, the rows of a drawing (a
//! lane, then a sub-row per call it awaited) and where each one is, and which rows meet the window
//! of a scrolled box. Plain numbers, so that the drawing (`row`, `mod`) only reads them.

use crate::ui::trace::Trace;

pub(super) const AXIS_H: f64 = 34.0;
/// With more tasks than this the lanes get compact: one line of label, a thinner bar.
pub(super) const ROOMY_LANES: usize = 8;
/// More rows than this scroll in a box (`.lanes-scroll`, max-height 440 px in style.css) and are
/// virtualised: only those in view are rendered.
pub(super) const VIRTUAL_ROWS: usize = 40;
/// The rows in the DOM are chosen again only when the scroll position enters another block of
/// this many pixels (a re-render per block, not per scroll event); `OVERSCAN_PX` more are
/// rendered above and below, so a block's worth of scrolling never shows an empty row.
pub(super) const BLOCK_PX: f64 = 88.0;
const OVERSCAN_PX: f64 = 88.0;
/// The scroll box's height (style.css `.lanes-scroll`): the rows in view are within it.
pub(super) const BOX_H: f64 = 440.0;
/// Room for the scroll box's vertical scroll bar, so the lanes and the axis above them keep the
/// same scale.
pub(super) const SCROLLBAR_W: f64 = 16.0;

/// The vertical layout of a lane.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct LaneShape {
    pub(super) height: f64,
    pub(super) bar_y: f64,
    pub(super) bar_h: f64,
    /// Room for the label's second and third lines, the prints' text and the text in bars.
    pub(super) roomy: bool,
    /// On a phone: the label is a line above the bar, which gets the whole width.
    pub(super) stacked: bool,
}

pub(super) const ROOMY: LaneShape = LaneShape { height: 54.0, bar_y: 24.0, bar_h: 18.0, roomy: true, stacked: false };
pub(super) const STACKED: LaneShape = LaneShape { height: 50.0, bar_y: 28.0, bar_h: 15.0, roomy: true, stacked: true };
pub(super) const COMPACT: LaneShape = LaneShape { height: 22.0, bar_y: 6.0, bar_h: 11.0, roomy: false, stacked: false };
/// Below this width (a phone) lanes are stacked rather than labelled on the left.
pub(super) const NARROW: f64 = 640.0;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Row {
    Lane(usize),
    /// A coroutine the lane's task awaited directly (`Lane::calls`): a sub-row under its lane.
    Call {
        lane: usize,
        call: usize,
    },
}

/// A call's sub-row: thinner than a lane, its bar under the lane's (on a phone its label is above
/// its bar, as for lanes).
pub(super) const CALL_H: f64 = 26.0;
pub(super) const CALL_H_STACKED: f64 = 32.0;

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

/// A row's height in a drawing of lanes shaped `shape`.
fn row_height(shape: LaneShape, row: &Row) -> f64 {
    match row {
        Row::Call { .. } if shape.stacked => CALL_H_STACKED,
        Row::Call { .. } => CALL_H,
        Row::Lane(_) => shape.height,
    }
}

/// The rows of a drawing and where each one is: its top, then the bottom of the last row.
pub(super) struct Layout {
    pub(super) rows: Vec<Row>,
    pub(super) offsets: Vec<f64>,
}

impl Layout {
    pub(super) fn of(main: &Trace, ghost: Option<&Trace>, shape: LaneShape) -> Layout {
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

    pub(super) fn height(&self) -> f64 {
        self.offsets.last().copied().unwrap_or(0.0)
    }
}

/// Rows `first..end` of `offsets` (each row's top, then the total height) that meet the window
/// around scroll block `block`; `first` is even, so the zebra striping (`:nth-child(even)`)
/// doesn't flip as rows come and go.
pub(super) fn window(offsets: &[f64], block: u32) -> (usize, usize) {
    let rows = offsets.len().saturating_sub(1);
    let top = f64::from(block) * BLOCK_PX - OVERSCAN_PX;
    let bottom = f64::from(block) * BLOCK_PX + BLOCK_PX + BOX_H + OVERSCAN_PX;
    // The first row whose bottom is below `top`, the first whose top is at or below `bottom`.
    let first = offsets[1..].partition_point(|&end| end <= top).min(rows);
    let end = offsets[..rows].partition_point(|&start| start < bottom).max(first);
    (first & !1, end)
}
