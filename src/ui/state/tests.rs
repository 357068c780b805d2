//! The reducer's tests: each sends actions to a page opened from a link and checks what the
//! concerns hold after them (wasm only: the page state lives in the browser build).

use wasm_bindgen_test::wasm_bindgen_test;

use super::net::NetNews;
use super::program::code_with_drafts;
use super::urls::{check, Preset, UrlEdit};
use super::*;
use crate::engine::{Exception, PyValue};
use crate::link::{self, MAX_URLS};
use crate::report::predict::MAX_CARDS;
use crate::scenarios::CodePiece;

fn page(hash: &str) -> PageState {
    PageState::from_link(link::decode(hash))
}

fn reduce(state: PageState, action: Action) -> PageState {
    (*Rc::new(state).reduce(action)).clone()
}

fn frame(run_id: u32, finished: bool) -> LiveView {
    LiveView {
        run_id,
        speed: 1,
        now: 5,
        trace: Shared::new(Trace::default()),
        total: finished.then_some(5),
        result: finished.then_some(Ok(PyValue::None)),
        finished,
        stop_requested: false,
        hidden: Vec::new(),
    }
}

fn shown_lines(state: &PageState) -> Vec<&str> {
    state.shown().lines.iter().map(|l| l.text.as_str()).collect()
}

#[wasm_bindgen_test]
fn a_link_moment_shows_the_run_up_to_it_and_stays_in_the_link() {
    let state = page("#/say-hello?t=1.5");
    assert_eq!(state.view.cursor.map(|c| c.at), Some(1_500_000));
    assert_eq!(shown_lines(&state), ["Hello, Bob!"]);
    assert_eq!(state.whole().lines.len(), 3, "the whole run is still there to scrub through");
    assert!(state.link().to_hash().contains("&t=1.5&"), "{}", state.link().to_hash());
    // Past the end: the whole run, no cursor.
    assert_eq!(page("#/say-hello?t=99").view.cursor, None);
}

#[wasm_bindgen_test]
fn steps_go_event_by_event_and_the_end_is_the_whole_run() {
    let state = reduce(page("#/say-hello"), Action::Step(Step::Start));
    assert_eq!(state.view.cursor.map(|c| c.shown), Some(0));
    assert!(shown_lines(&state).is_empty());
    let mut state = state;
    let mut steps = 0;
    while shown_lines(&state).is_empty() {
        state = reduce(state, Action::Step(Step::Next));
        steps += 1;
        assert!(steps < 100, "no line after 100 steps");
    }
    assert_eq!(shown_lines(&state), ["Hello, Bob!"]);
    assert_eq!(state.view.cursor.map(|c| c.at), Some(1_000_000));
    let back = reduce(state.clone(), Action::Step(Step::Previous));
    assert!(shown_lines(&back).is_empty());
    let end = reduce(state, Action::Step(Step::End));
    assert_eq!(end.view.cursor, None);
    assert_eq!(shown_lines(&end).len(), 3);
}

#[wasm_bindgen_test]
fn an_edit_keeps_the_moment_and_a_run_clears_it() {
    let state = page("#/say-hello?t=1.5");
    let state = reduce(state, Action::Set { name: "alice", value: 0.5 });
    assert_eq!(shown_lines(&state), ["Hello, Alice!", "Hello, Bob!"], "the same moment of the edited run");
    let state = reduce(state, Action::Run);
    assert_eq!(state.view.cursor, None);
    assert_eq!(reduce(state, Action::Scrub(Some(1))).view.cursor, None, "no cursor during a run");
}

#[wasm_bindgen_test]
fn predict_mode_deals_in_code_order_moves_cards_and_hides_the_preview() {
    let state = page("#/say-hello?predict=1");
    assert!(state.hides_preview());
    assert_eq!(state.view.guess.order, ["Hello, Alice!", "Hello, Bob!", "Hello, Charlie!"]);
    let state = reduce(state, Action::Predict(PredictEdit::Move { from: 1, to: 0 }));
    assert_eq!(state.view.guess.order, ["Hello, Bob!", "Hello, Alice!", "Hello, Charlie!"]);
    let state = reduce(state, Action::Predict(PredictEdit::Move { from: 9, to: 0 }));
    assert_eq!(state.view.guess.order[0], "Hello, Bob!", "a card that does not exist moves nothing");
    let state = reduce(state, Action::Predict(PredictEdit::Total("3".into())));
    let running = reduce(state, Action::Run);
    assert!(!running.hides_preview());
    let locked = reduce(running, Action::Predict(PredictEdit::Move { from: 0, to: 2 }));
    assert_eq!(locked.view.guess.order[0], "Hello, Bob!", "the guess is locked while running");
    assert!(locked.link().to_hash().contains("predict=1"));
    // Thousands of lines: only the total is guessed.
    let many = page("#/background?period=0.1&main=10&predict=1");
    assert!(many.view.guess.order.is_empty());
    assert!(many.view.guess.too_many > MAX_CARDS, "{}", many.view.guess.too_many);
}

#[wasm_bindgen_test]
fn a_wrong_entry_is_kept_with_its_reason_and_the_old_value_runs() {
    let state = reduce(page("#/say-hello"), Action::Type { name: "bob", text: "abc".into() });
    assert_eq!(state.program.scenario.get("bob"), 1.0);
    let draft = state.program.drafts.iter().find(|d| d.name == "bob").unwrap();
    assert_eq!(draft.text, "abc");
    assert!(draft.error.as_deref().unwrap().contains("not a number"));
    // Leaving the field keeps it (the message must stay visible); Run drops it.
    let state = reduce(state, Action::Commit { name: "bob" });
    assert_eq!(state.program.drafts.len(), 1);
    let state = reduce(state, Action::Run);
    assert!(state.program.drafts.is_empty());
    assert_eq!(state.phase(), Phase::Running);
}

#[wasm_bindgen_test]
fn typing_recomputes_the_ideal_run_at_once_and_keeps_what_was_typed() {
    let state = reduce(page("#/say-hello"), Action::Type { name: "alice", text: "0.5".into() });
    assert_eq!(state.run.ideal.trace.lines[0].text, "Hello, Alice!");
    assert_eq!(state.run.ideal.total, Some(3_000_000));
    let state = reduce(state, Action::Type { name: "charlie", text: "1.".into() });
    assert_eq!(state.program.scenario.get("charlie"), 1.0);
    assert_eq!(state.edit_view_code_value("charlie"), "1.", "the code shows the dot being typed");
    let state = reduce(state, Action::Commit { name: "charlie" });
    assert_eq!(state.edit_view_code_value("charlie"), "1");
}

#[wasm_bindgen_test]
fn arrows_and_drags_give_values_a_person_would_write() {
    let state = reduce(page("#/gather?a=0.2"), Action::Set { name: "a", value: 0.2 + 0.1 });
    assert_eq!(state.program.scenario.get("a"), 0.3);
    // Out of range or not a number (only a tampered slider sends that): refused with its
    // reason, the last good value kept.
    for bad in [-5.0, 61.0, f64::NAN, f64::INFINITY] {
        let refused = reduce(state.clone(), Action::Set { name: "a", value: bad });
        assert_eq!(refused.program.scenario.get("a"), 0.3, "after {bad}");
        let draft = refused.program.drafts.iter().find(|d| d.name == "a").expect("a message for the field");
        assert!(draft.error.as_deref().is_some_and(|e| e.starts_with("a ")), "{draft:?}");
    }
    let state = reduce(state, Action::Set { name: "nope", value: 1.0 });
    assert_eq!(state.program.scenario.get("a"), 0.3);
}

#[wasm_bindgen_test]
fn frames_of_an_old_run_are_ignored_and_edits_put_a_finished_run_away() {
    let state = reduce(page("#/gather"), Action::Run);
    let run_id = state.run.live.as_ref().unwrap().run_id;
    let state = reduce(state, Action::Frame(frame(run_id + 7, true)));
    assert_eq!(state.phase(), Phase::Running, "a frame from another run changes nothing");
    // Values are locked while running.
    let state = reduce(state, Action::Set { name: "a", value: 3.0 });
    assert_eq!(state.program.scenario.get("a"), 1.0);
    let state = reduce(state, Action::Frame(frame(run_id, true)));
    assert_eq!(state.phase(), Phase::Done);
    let state = reduce(state, Action::Set { name: "a", value: 3.0 });
    assert_eq!(state.phase(), Phase::Idle);
    assert!(state.run.live.is_none());
}

#[wasm_bindgen_test]
fn stop_is_remembered_until_the_run_has_ended() {
    let state = reduce(page("#/background"), Action::Run);
    let run_id = state.run.live.as_ref().unwrap().run_id;
    let state = reduce(state, Action::Stop);
    assert!(state.run.live.as_ref().unwrap().stop_requested);
    let mut last = frame(run_id, true);
    last.result = Some(Err(Exception::Cancelled));
    let state = reduce(state, Action::Frame(last));
    assert_eq!(state.phase(), Phase::Stopped);
    assert_eq!(state.phase().data_state(), "idle");
}

#[wasm_bindgen_test]
fn sections_and_links() {
    let edited = reduce(page("#/say-hello"), Action::Set { name: "bob", value: 4.0 });
    // Choosing the section already shown keeps the edits; another one starts fresh.
    let same = reduce(edited.clone(), Action::Open(ScenarioId::SayHello));
    assert_eq!(same.program.scenario.get("bob"), 4.0);
    let other = reduce(edited.clone(), Action::Open(ScenarioId::Gather));
    assert_eq!(other.program.scenario, Scenario::new(ScenarioId::Gather));
    // Loading the link of the state shown changes nothing (our own address updates echo back).
    let ran = reduce(edited.clone(), Action::Run);
    let echo = reduce(ran.clone(), Action::Load(link::decode(&ran.link().to_hash())));
    assert_eq!(echo.phase(), Phase::Running);
    let comparison = other.run.comparison.is_none() && edited.run.comparison.is_some();
    assert!(comparison, "only 44.2 and 44.3 compare sequential and concurrent");
}

#[wasm_bindgen_test]
fn links_carry_the_view_and_run_on_open_once() {
    let state = page("#/say-hello?alice=1.5&ideal=0&compare=0&run=1&embed=1&lock=1");
    assert_eq!(state.phase(), Phase::Running, "run=1 starts the run at once");
    assert_eq!(state.view.options, View { ideal: false, compare: false, table: false });
    assert!(state.view.embed && state.program.lock);
    let hash = state.link().to_hash();
    assert!(!hash.contains("run="), "the address bar never keeps run=1: {hash}");
    assert!(hash.contains("ideal=0&compare=0&embed=1&lock=1&v=2"), "{hash}");
    // A link pasted into the open page runs too, but never twice at once.
    let idle = page("#/gather");
    let ran = reduce(idle, Action::Load(link::decode("#/gather?a=0.5&run=1")));
    assert_eq!((ran.phase(), ran.program.scenario.get("a")), (Phase::Running, 0.5));
    let run_id = ran.run.live.as_ref().unwrap().run_id;
    let again = reduce(ran, Action::Load(link::decode("#/gather?a=0.5&run=1")));
    assert_eq!(again.run.live.as_ref().unwrap().run_id, run_id);
}

#[wasm_bindgen_test]
fn a_locked_link_keeps_its_mode_but_not_its_values() {
    let state = page("#/say-hello?mode=sequential&lock=1");
    let state = reduce(state, Action::Mode("concurrent".into()));
    assert_eq!(state.program.scenario.mode, "sequential");
    let state = reduce(state, Action::Set { name: "bob", value: 0.5 });
    assert_eq!(state.program.scenario.get("bob"), 0.5);
    // View options change during a run: they only change the drawing.
    let running = reduce(state, Action::Run);
    let viewed = reduce(running, Action::View(View { ideal: false, compare: true, table: false }));
    assert!(!viewed.view.options.ideal);
    assert_eq!(viewed.phase(), Phase::Running);
}

impl PageState {
    /// The value shown in the code for `name` (test helper).
    fn edit_view_code_value(&self, name: &str) -> String {
        code_with_drafts(&self.program.scenario, &self.program.drafts)
            .into_iter()
            .find_map(|piece| match piece {
                CodePiece::Param { name: n, value } if n == name => Some(value),
                _ => None,
            })
            .unwrap_or_default()
    }
}

fn urls(state: &PageState) -> Vec<&str> {
    state.program.scenario.urls.iter().map(String::as_str).collect()
}

#[wasm_bindgen_test]
fn the_list_is_edited_reordered_and_checked() {
    let state = reduce(page("#/fetch-urls"), Action::Urls(UrlEdit::Preset(Preset::Sample)));
    let state = reduce(state, Action::Urls(UrlEdit::Move { from: 2, to: 0 }));
    assert!(urls(&state)[0].starts_with("sample-api/users/torvalds"));
    let state = reduce(state, Action::Urls(UrlEdit::Wait { index: 0, name: "delay", seconds: 0.1 + 0.2 }));
    assert_eq!(urls(&state)[0], "sample-api/users/torvalds?delay=0.3&body=0.1", "a wait as a person writes it");
    // (+2 µs: the program's two clock reads, `start = time.time()` and the total's.)
    assert_eq!(state.run.ideal.total, Some(1_400_002), "the ideal run follows at once");
    let state = reduce(state, Action::Urls(UrlEdit::Add(" https://example.org/x ".into())));
    assert_eq!(urls(&state).last(), Some(&"https://example.org/x"));
    let state = reduce(state, Action::Urls(UrlEdit::Remove(1)));
    assert_eq!(state.program.scenario.urls.len(), 3);
    // Refused: a bad URL, a wait on another site's URL, a wait out of range, removing the last.
    let list = state.program.scenario.urls.clone();
    for bad in [
        UrlEdit::Set { index: 0, url: "javascript:alert(1)".into() },
        UrlEdit::Wait { index: 2, name: "delay", seconds: 1.0 },
        UrlEdit::Wait { index: 0, name: "body", seconds: 61.0 },
        UrlEdit::Wait { index: 0, name: "nope", seconds: 1.0 },
        UrlEdit::Move { from: 0, to: 9 },
    ] {
        assert!(check(&list, &bad).is_err(), "{bad:?}");
        assert_eq!(reduce(state.clone(), Action::Urls(bad)).program.scenario.urls, list);
    }
    let one = vec!["sample-api/users/a".to_string()];
    assert!(check(&one, &UrlEdit::Remove(0)).unwrap_err().contains("at least one"));
    let full = vec!["sample-api/users/a".to_string(); MAX_URLS];
    assert!(check(&full, &UrlEdit::Add("sample-api/users/b".into())).unwrap_err().contains("at most"));
}

#[wasm_bindgen_test]
fn offline_the_chapters_urls_become_the_sample_apis_and_the_page_says_why() {
    let state = reduce(page("#/fetch-urls"), Action::Net(NetNews::Offline("no answer".into())));
    assert_eq!(state.program.scenario.urls, Preset::Sample.urls());
    assert_eq!(state.run.net.switched.as_deref(), Some("no answer"));
    assert_eq!(state.run.ideal.total, Some(1_300_002), "the ideal run is the sample API's");
    // Coming back to 44.3 from another section: the same.
    let state = reduce(reduce(state, Action::Open(ScenarioId::Gather)), Action::Open(ScenarioId::FetchUrls));
    assert_eq!(state.program.scenario.urls, Preset::Sample.urls());
    // An edit is the person's choice: never switched back or again.
    let state = reduce(state, Action::Urls(UrlEdit::Preset(Preset::Chapter)));
    assert!(state.run.net.switched.is_none());
    assert_eq!(urls(&state)[0], "https://api.github.com/users/python");
    // Online, or a list that is not the chapter's, or a locked link: left alone.
    let online = reduce(page("#/fetch-urls"), Action::Net(NetNews::Online));
    assert_eq!(online.program.scenario.urls[0], "https://api.github.com/users/python");
    let own = page("#/fetch-urls?url=https://example.org/a");
    let own = reduce(own, Action::Net(NetNews::Offline("x".into())));
    assert_eq!(urls(&own), ["https://example.org/a"]);
    let locked = reduce(page("#/fetch-urls?lock=1"), Action::Net(NetNews::Offline("x".into())));
    assert_eq!(locked.program.scenario.urls[0], "https://api.github.com/users/python");
}

#[wasm_bindgen_test]
fn the_list_is_locked_while_running_and_in_a_locked_link() {
    let running = reduce(page("#/fetch-urls"), Action::Run);
    assert_eq!(running.phase(), Phase::Running);
    let after = reduce(running.clone(), Action::Urls(UrlEdit::Remove(0)));
    assert_eq!(after.program.scenario.urls.len(), 3);
    let locked = reduce(page("#/fetch-urls?lock=1"), Action::Urls(UrlEdit::Remove(0)));
    assert_eq!(locked.program.scenario.urls.len(), 3);
}

#[wasm_bindgen_test]
fn typing_code_previews_once_the_typing_pauses_and_a_syntax_error_keeps_the_last_good_run() {
    let state = page("#/gather");
    let good = state.program.scenario.python_text();
    let lines_before: Vec<String> = shown_lines(&state).iter().map(|l| l.to_string()).collect();
    // A text that does not compile: its error, the last good preview kept and stale.
    let broken = reduce(state, Action::Code(good.replace("async def main():", "async def main(:")));
    let error = broken.program.error.clone().expect("a syntax error");
    assert!(error.message.starts_with("SyntaxError"), "{error:?}");
    assert!(broken.program.stale);
    let edits = broken.program.edits;
    let still = reduce(broken, Action::Preview(edits));
    assert!(still.program.stale, "no preview of code that does not compile");
    assert_eq!(shown_lines(&still), lines_before);
    // Fixed, with another print: the preview waits for the pause, then shows it.
    let fixed = reduce(still, Action::Code(format!("{good}print('more')\n")));
    assert!(fixed.program.error.is_none() && fixed.program.stale);
    let older = reduce(fixed.clone(), Action::Preview(fixed.program.edits - 1));
    assert!(older.program.stale, "an older edit's pause does nothing");
    let shown = reduce(fixed.clone(), Action::Preview(fixed.program.edits));
    assert!(!shown.program.stale);
    assert_eq!(shown_lines(&shown).last(), Some(&"more"));
    assert!(shown.link().to_hash().contains("code="), "the link carries the person's code");
}

#[wasm_bindgen_test]
fn a_link_with_code_previews_but_does_not_run_by_itself() {
    let mut link = link::decode("#/code?run=1");
    link.scenario.set_code("print('hi')\n");
    let state = PageState::from_link(Link { run: true, ..link });
    assert!(state.program.run_waits && !state.running(), "run=1 with code waits for a click");
    assert_eq!(shown_lines(&state), ["hi"], "its preview is there");
    let ran = reduce(state, Action::Run);
    assert!(ran.running() && !ran.program.run_waits);
}

#[wasm_bindgen_test]
fn a_literal_of_the_code_is_set_from_the_values_panel() {
    let state = page("#/code");
    let knob = state.program.scenario.knobs().into_iter().find(|k| !k.named).expect("a literal");
    let line = knob.line.expect("in the code") as usize;
    let set = reduce(state, Action::Literal { name: knob.name.clone(), value: 0.25 });
    let text = set.program.scenario.python_text();
    assert!(text.lines().nth(line - 1).is_some_and(|l| l.contains("0.25")), "{text}");
}
