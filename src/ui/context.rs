//! How components get the page state: the whole state (`use_page`), and the part the editing
//! components show (`use_edit`, an `EditView`), each in its own context provided by the App. Apart
//! from `state` so that the state module stays a plain reducer that knows nothing of Yew's contexts.

use yew::prelude::*;

use crate::engine::Micros;
use crate::insight::lints::Lint;
use crate::insight::warnings::Warning;
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

thread_local! {
    /// The last warnings worked out, by (log, events shown, lints): the console and the timeline
    /// both show them, on every frame of a run, and the second asks for what the first computed.
    static WARNINGS: std::cell::RefCell<Option<(WarningsKey, std::rc::Rc<Vec<Warning>>)>> =
        const { std::cell::RefCell::new(None) };
}

/// What the warnings of a moment depend on: the whole log (by identity and length), how many of
/// its events are shown, and the code's lints (by identity).
type WarningsKey = (*const Vec<crate::engine::Event>, usize, usize, *const Vec<Lint>);

/// The warnings at the moment `state` shows (the whole log is read: a linted line's moment is when
/// it first ran, even past the cursor), computed once per moment.
pub fn shown_warnings(state: &PageState) -> std::rc::Rc<Vec<Warning>> {
    let log = &state.whole().log;
    let shown = state.view.cursor.map_or(log.len(), |c| c.shown);
    let lints = &state.run.ideal.lints;
    let key: WarningsKey = (&**log as *const _, log.len(), shown, lints as *const _);
    WARNINGS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((k, warnings)) = cache.as_ref() {
            if *k == key {
                return warnings.clone();
            }
        }
        let warnings = std::rc::Rc::new(crate::insight::warnings::warnings(log, shown, lints));
        *cache = Some((key, warnings.clone()));
        warnings
    })
}
