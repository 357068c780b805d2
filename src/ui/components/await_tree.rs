//! `AwaitTree`: who awaits whom at the moment shown (the step-through's cursor, or "now" during a
//! run), as `python -m asyncio pstree` prints it: each task, its coroutine chain with its line,
//! what it waits on and the tasks it awaits under it; then the resources (who holds each lock,
//! what is in each queue, who waits, in order). Plain text, so a screen reader reads it and Copy
//! hands it over as it is.

use yew::prelude::*;

use crate::insight::resources::{resource_lanes, resources_text};
use crate::python::FILENAME;
use crate::ui::context::use_page;
use crate::ui::format::secs_spaced;
use crate::ui::state::run::Phase;

use super::copy_box::{copy_into, CopyStatus};

/// The most tasks drawn in the tree (a run of 10,000 says how many more there are).
const MAX_TASKS: usize = 40;

#[function_component(AwaitTree)]
pub fn await_tree() -> Html {
    let state = use_page();
    let status = use_state(|| CopyStatus::Idle);
    if state.hides_preview() {
        return Html::default();
    }
    let trace = state.shown();
    let tree = trace.graph.tree(FILENAME, MAX_TASKS);
    let when = match (state.view.cursor, state.phase()) {
        (Some(moment), _) => format!("at t = {}", secs_spaced(moment.at)),
        (None, Phase::Running) => "now".to_string(),
        (None, _) => "at the end of the run".to_string(),
    };
    let hint = if state.view.cursor.is_none() && state.phase() != Phase::Running {
        "Every task has ended. Step through the run (above) to see who awaited whom at any moment."
    } else {
        "(T) is a task; under it, the functions it is inside, each at its line, then what it awaits."
    };
    // The resources in words, at the same moment (the lanes' text form).
    let lanes = resource_lanes(&trace.log, trace.log.len());
    let at = state.view.cursor.map(|c| c.at).or(state.run.live.as_ref().filter(|l| !l.finished).map(|l| l.now));
    let resources = (!lanes.is_empty()).then(|| {
        let names: Vec<String> = trace.timeline.lanes.iter().map(|l| l.name.clone()).collect();
        resources_text(&lanes, &names, at.unwrap_or(trace.timeline.end))
    });
    let oncopy = {
        let (status, tree) = (status.clone(), tree.clone());
        Callback::from(move |_: MouseEvent| copy_into(tree.clone(), status.clone()))
    };
    let said = match &*status {
        CopyStatus::Copied(text) if *text == tree => "Copied.",
        CopyStatus::Refused(_) => "The browser refused: select the tree and copy it.",
        _ => "",
    };
    html! {
        <section class="await-pane pane" aria-labelledby="await-heading">
            <div class="pane-head">
                <h2 id="await-heading">{ "Who awaits whom" }</h2>
                <span class="pane-note">{ format!("{when} · {hint}") }</span>
                <button type="button" class="ghost-button" data-testid="copy-await-tree" onclick={oncopy}>{ "Copy" }</button>
                <span class="copy-said" role="status">{ said }</span>
            </div>
            <pre class="await-tree" data-testid="await-tree" tabindex="0" aria-label={format!("Await tree {when}")}>{ tree }</pre>
            // In a box that is always there (see `Scrubber`'s why-slot).
            <div class="resources-slot">
                if let Some(text) = resources {
                    <h3 class="await-sub">{ "Resources" }</h3>
                    <pre class="await-tree" data-testid="resources-text" tabindex="0" aria-label={format!("Resources {when}")}>{ text }</pre>
                }
            </div>
        </section>
    }
}
