//! `TaskMargin`: in the editor, beside each line, the tasks stopped at it at the moment shown
//! (the step-through's cursor, or now during a run), and the line running now. Its own component,
//! fed by the page state, so the code itself is not re-rendered on every frame of a run.

use yew::prelude::*;

use crate::insight::await_graph::{lines_of, Doing};
use crate::ui::context::use_page;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// How many lines the code has.
    pub lines: usize,
}

/// Markers shown per line before the rest are counted (`+2`).
const PER_LINE: usize = 3;

#[function_component(TaskMargin)]
pub fn task_margin(props: &Props) -> Html {
    let state = use_page();
    if state.hides_preview() || state.program.stale {
        return Html::default();
    }
    let trace = state.shown();
    let graph = &trace.graph;
    // Nothing is stopped anywhere once a run is over: the margin speaks at a moment.
    let mut at_line: Vec<Vec<Html>> = vec![Vec::new(); props.lines + 1];
    let mut running_line = None;
    let mut count = vec![0usize; props.lines + 1];
    for (task, line) in graph.task_lines() {
        let Some(slot) = at_line.get_mut(line as usize) else { continue };
        let at = &graph.tasks[task];
        let running = at.doing == Doing::Running;
        if running {
            running_line = Some(line as usize);
        }
        count[line as usize] += 1;
        if slot.len() >= PER_LINE {
            continue;
        }
        let title = match (&at.doing, &at.on) {
            (Doing::Running, _) => format!("{} is running (it resumed at line {line})", at.name),
            (_, Some(on)) => format!("{} is stopped at line {line}, waiting on {on}", at.name),
            _ => format!("{} is at line {line}", at.name),
        };
        slot.push(html! {
            <span class={classes!("task-line", running.then_some("running"))} data-testid="task-line"
                data-task={at.name.clone()} data-line={line.to_string()} {title}>
                { if running { format!("▶ {}", at.name) } else { at.name.clone() } }
            </span>
        });
    }
    // The hovered lane's task: every line it waited at during the run.
    let hovered = state.view.highlight.map(|task| (task, lines_of(&state.whole().log, task)));
    let hovered_at = |n: usize| hovered.as_ref().is_some_and(|(_, lines)| lines.contains(&(n as u32)));
    let cells = (1..=props.lines).map(|n| {
        let more = count[n].saturating_sub(PER_LINE);
        html! {
            <span class={classes!("editor-tm", (running_line == Some(n)).then_some("running"), (count[n] > 0).then_some("stopped"), hovered_at(n).then_some("hovered"))}>
                { for at_line[n].drain(..) }
                if more > 0 {
                    <span class="task-line-more">{ format!("+{more}") }</span>
                }
            </span>
        }
    });
    html! { <div class="editor-tasks" aria-hidden="true">{ for cells }</div> }
}
