//! How components get the page state: the whole state (`use_page`), and the part the editing
//! components show (`use_edit`, an `EditView`), each in its own context provided by the App. Apart
//! from `state` so that the state module stays a plain reducer that knows nothing of Yew's contexts.

use yew::prelude::*;

use crate::engine::Micros;
use crate::link::{Link, View};
use crate::scenarios::{CodePiece, ParamSpec, Scenario};

use super::state::net::Net;
use super::state::program::{code_with_drafts, CodeError, Draft, DraftNote};
use super::state::{Action, PageState};

/// The part of the state the code, the values, the navigation and the intro show. It has its own
/// context because a run changes the page state sixty times a second, and re-rendering the code
/// and its inputs that often would take time from the very timers the run measures.
#[derive(Clone, PartialEq)]
pub struct EditView {
    pub scenario: Scenario,
    pub speed: u32,
    pub drafts: Vec<Draft>,
    pub notices: Vec<String>,
    /// A run is going on: values are locked.
    pub running: bool,
    pub view: View,
    /// Embed mode (`embed=1`): no navigation, no intro.
    pub embed: bool,
    /// The link locks the code (`lock=1`): only values can change.
    pub lock: bool,
    /// 44.3's network and sample API (the URL list shows them).
    pub net: Net,
    /// The scrub cursor's time and predict mode, for the links the page hands out.
    pub cursor: Option<Micros>,
    pub predict: bool,
    /// The code's syntax error, if it has one.
    pub error: Option<CodeError>,
    pub draft_note: Option<DraftNote>,
    /// A link's code waits for a click to run for real.
    pub run_waits: bool,
    pub dispatcher: UseReducerDispatcher<PageState>,
}

impl EditView {
    /// What the editing components need of `state`: changes only when an edit happens or a run
    /// starts or ends, not on every frame of a run.
    pub fn of(state: &PageState, dispatcher: UseReducerDispatcher<PageState>) -> EditView {
        EditView {
            scenario: state.program.scenario.clone(),
            speed: state.run.speed,
            drafts: state.program.drafts.clone(),
            notices: state.notices.clone(),
            running: state.running(),
            view: state.view.options,
            embed: state.view.embed,
            lock: state.program.lock,
            net: state.run.net.clone(),
            cursor: state.view.cursor.map(|c| c.at),
            predict: state.view.predict,
            error: state.program.error.clone(),
            draft_note: state.program.draft_note.clone(),
            run_waits: state.program.run_waits,
            dispatcher,
        }
    }

    pub fn dispatch(&self, action: Action) {
        self.dispatcher.dispatch(action);
    }

    /// The page as a link, as `PageState::link` (without `run`).
    pub fn link(&self) -> Link {
        Link {
            view: self.view,
            embed: self.embed,
            lock: self.lock,
            cursor: self.cursor,
            predict: self.predict,
            ..Link::new(self.scenario.clone(), self.speed)
        }
    }

    pub fn draft(&self, name: &str) -> Option<&Draft> {
        self.drafts.iter().find(|d| d.name == name)
    }

    /// What a value's field shows: the typed text while there is some, else the code's value.
    pub fn field_text(&self, spec: &ParamSpec) -> String {
        self.draft(spec.name)
            .map_or_else(|| crate::engine::value::py_number(self.scenario.get(spec.name)), |d| d.text.clone())
    }

    /// The code with what the fields show (so typing `1.` keeps its dot in the code).
    pub fn code(&self) -> Vec<CodePiece> {
        code_with_drafts(&self.scenario, &self.drafts)
    }
}

/// What the run's components get from the `ContextProvider`: the whole state.
pub type PageContext = UseReducerHandle<PageState>;

/// The page context; components are only ever rendered inside the App that provides it.
#[hook]
pub fn use_page() -> PageContext {
    use_context::<PageContext>().expect("components are rendered inside App's ContextProvider")
}

/// The editing context (see `EditView`).
#[hook]
pub fn use_edit() -> EditView {
    use_context::<EditView>().expect("components are rendered inside App's ContextProvider")
}
