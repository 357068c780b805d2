//! `Narration`: "In words", the run the page shows told in a few sentences (`report::narration`),
//! under the timeline. Screen readers hear it once when a real run ends, through a live region
//! that changes only then: announcing every frame of a run would drown the console's lines.

use yew::prelude::*;

use crate::report::narration::narrate;
use crate::ui::context::use_page;
use crate::ui::state::run::Phase;

#[function_component(Narration)]
pub fn narration() -> Html {
    let state = use_page();
    let phase = state.phase();
    let running = phase == Phase::Running;
    let shown = state.shown().log.clone();
    // The whole of a finished real run, for the announcement (what is shown may be the run as of
    // a moment chosen on it).
    let finished = state.run.live.as_ref().filter(|live| live.finished).map(|live| live.trace.log.clone());
    // Told once per log, not per render; never during a run (its log changes every frame).
    // The run's story, then its resources' and warnings' (`insight::story`).
    let tell = |log: &[crate::engine::Event]| {
        let mut said = narrate(log);
        said.extend(crate::insight::story::sentences(log));
        said.join(" ")
    };
    let told = use_memo((running, shown, finished), |(running, shown, finished)| {
        let shown_words = if *running { String::new() } else { tell(shown) };
        let announced = finished.as_ref().map(|full| if full == shown { shown_words.clone() } else { tell(full) });
        (shown_words, announced)
    });
    let (words, announced) = &*told;
    let heading = match phase {
        Phase::Done => "The run has finished. ",
        Phase::Failed => "The run failed. ",
        Phase::Stopped => "The run was stopped. ",
        Phase::Idle | Phase::Running => "",
    };
    let announcement = announced.as_ref().map(|text| format!("{heading}{text}")).unwrap_or_default();
    let source = if state.run.live.is_some() { "this run" } else { "preview · virtual clock" };
    html! {
        <section class="narration-pane pane" aria-labelledby="narration-heading">
            <div class="pane-head">
                <h2 id="narration-heading">{ "In words" }</h2>
                <span class="badge">{ source }</span>
            </div>
            <p class="narration" data-testid="narration">
                { if running { "The run is told here once it ends." } else { words.as_str() } }
            </p>
            <p class="narration-announce" aria-live="polite" data-testid="narration-announce">{ announcement }</p>
        </section>
    }
}
