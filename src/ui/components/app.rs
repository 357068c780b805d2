//! `App`: owns the page state (`use_reducer`) and provides it to every component, and keeps the
//! world in line with it: the address bar and title, and the live run with its animation frames.
//! Lays the page out in full (top bar, navigation, intro, …) or, for an iframe (`embed=1`), as
//! just the section's code, controls and timeline.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::address::{self, HashListener};
use crate::browser::frames;
use crate::link;
use crate::ui::context::{EditView, PageContext};
use crate::ui::live::LiveSession;
use crate::ui::state::{Action, PageState};

use super::await_tree::AwaitTree;
use super::code_view::CodeView;
use super::comparison::ComparisonView;
use super::console::Console;
use super::embed_header::embed_header;
use super::event_table::EventTable;
use super::export_bar::ExportBar;
use super::narration::Narration;
use super::notices::notices;
use super::param_panel::ParamPanel;
use super::predict_panel::PredictPanel;
use super::request_table::RequestTable;
use super::run_bar::RunBar;
use super::scrubber::Scrubber;
use super::section_intro::section_intro;
use super::section_nav::section_nav;
use super::share_bar::ShareBar;
use super::status_bar::status_bar;
use super::timeline::TimelineView;
use super::url_list::UrlList;

#[function_component(App)]
pub fn app() -> Html {
    let state: PageContext = use_reducer(|| PageState::from_link(link::decode(&address::hash())));
    crate::ui::code_effects::use_code_effects(&state);

    // The address shows the state; a new section is a new history entry (see `address::show`).
    // A link's `run=1` is not part of the state, so it leaves the address once followed.
    {
        let hash = state.link().to_hash();
        let title =
            format!("{} {} — async playground", state.program.scenario.id.section(), state.program.scenario.id.title());
        use_effect_with((hash, title), |(hash, title)| {
            address::show(hash);
            address::set_title(title);
        });
    }

    // The address changed by other means (Back, a pasted link): load it.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = HashListener::new(move |hash| dispatcher.dispatch(Action::Load(link::decode(&hash))));
            move || drop(listener)
        });
    }

    // The live run exists exactly while the state says one is going on.
    let session: Rc<RefCell<Option<LiveSession>>> = use_mut_ref(|| None);
    {
        let key = state.run.live.as_ref().filter(|l| !l.finished).map(|l| (l.run_id, l.stop_requested));
        let state = state.clone();
        use_effect_with(key, move |key| {
            let mut slot = session.borrow_mut();
            match *key {
                Some((run_id, stop)) => {
                    if slot.as_ref().map(|s| s.run_id) != Some(run_id) {
                        let dispatcher = state.dispatcher();
                        let on_frame = Callback::from(move |view| dispatcher.dispatch(Action::Frame(view)));
                        *slot = Some(LiveSession::start(
                            run_id,
                            &state.program.scenario,
                            state.run.speed,
                            state.run.ideal.clone(),
                            on_frame,
                        ));
                    }
                    if stop {
                        if let Some(session) = slot.as_ref() {
                            session.stop();
                        }
                    }
                }
                None => *slot = None,
            }
        });
    }

    // Ctrl/Cmd+Enter runs (or stops) from anywhere in the page, as in other playgrounds.
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                state.dispatch(if state.running() { Action::Stop } else { Action::Run });
            }
        })
    };

    // The panes under the timeline (the step-through panel, export, narration, the tables, the
    // comparison) are rendered on the frame after the first: the first render, which makes the
    // page interactive (issue 7's time to ready), then runs and compiles only the code, its
    // controls, the console and the timeline's frame (which draws its lanes once its width is
    // measured, a frame later anyway). The timeline and its view options are there at once, so
    // whoever waits for the Run button finds them.
    let settled = use_state_eq(|| false);
    {
        let settled = settled.setter();
        use_effect_with((), move |_| frames::on_next_frame(move || settled.set(true)));
    }

    let edit = EditView::of(&state, state.dispatcher());
    // The run's panels, the same in both layouts.
    let workbench = html! {
        <>
            <div class="workbench">
                <CodeView />
                <section class="side" aria-label="Run">
                    <RunBar />
                    { status_bar(&state) }
                    <ParamPanel />
                    <UrlList />
                    <PredictPanel />
                    <Console />
                </section>
            </div>
            if state.hides_preview() {
                // Predict mode: the preview would give the answers away until the learner has run.
                <section class="pane preview-hidden" data-testid="preview-hidden">
                    <h2>{ "Timeline" }</h2>
                    <p>{ "Hidden while you predict: make your guess, then press Run to see the real run." }</p>
                </section>
            } else {
                <TimelineView />
                if *settled {
                    // Rendered on the next frame (see `settled`).
                    <Scrubber />
                    <AwaitTree />
                    // Export: just under the timeline it saves (full page only; an embed stays minimal).
                    if !state.view.embed {
                        <ExportBar />
                    }
                    <Narration />
                    // Under the timeline, not instead of it: the view options are in the timeline's head.
                    if state.view.options.table {
                        // With the tasks in figures above it (`task_stats_table`).
                        <EventTable />
                    }
                    <RequestTable />
                    if state.view.options.compare {
                        <ComparisonView />
                    }
                }
            }
        </>
    };
    if state.view.embed {
        return html! {
            <ContextProvider<PageContext> context={state.clone()}>
            <ContextProvider<EditView> context={edit.clone()}>
                <div class="app embed" data-testid="embed-mode" {onkeydown}>
                    <main id="main" class="main">
                        { notices(&edit) }
                        { embed_header(&edit) }
                        { workbench }
                    </main>
                </div>
            </ContextProvider<EditView>>
            </ContextProvider<PageContext>>
        };
    }
    html! {
        <ContextProvider<PageContext> context={state.clone()}>
        <ContextProvider<EditView> context={edit.clone()}>
            <div class="app" {onkeydown}>
                <a class="skip-link" href="#main">{ "Skip to the example" }</a>
                <header class="topbar">
                    <div class="brand">
                        <svg class="logo" width="22" height="18" viewBox="0 0 22 18" aria-hidden="true">
                            <rect x="1" y="2" width="12" height="4" rx="1.5" />
                            <rect x="6" y="7" width="15" height="4" rx="1.5" />
                            <rect x="3" y="12" width="8" height="4" rx="1.5" />
                        </svg>
                        <span class="brand-name">{ "async playground" }</span>
                    </div>
                    <p class="tagline">{ "Python's asyncio, run for real in your browser — watch the tasks take turns." }</p>
                    <ShareBar />
                </header>
                <div class="layout">
                    { section_nav(&edit) }
                    <main id="main" class="main" tabindex="-1">
                        { notices(&edit) }
                        { section_intro(&edit) }
                        { workbench }
                    </main>
                </div>
                <footer class="footer">
                    <p>
                        { "Examples from the chapter “Async Programming (Intro)”. The code runs on an asyncio-faithful engine compiled to WebAssembly, on the page's own event loop: times are measured, not animated. " }
                        { "Times are always shown at 1× scale, whatever the speed." }
                    </p>
                </footer>
            </div>
        </ContextProvider<EditView>>
        </ContextProvider<PageContext>>
    }
}
