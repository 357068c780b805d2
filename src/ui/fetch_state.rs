//! 44.3's part of the page state: edits of the URL list, whether the page can reach the internet,
//! and whether the site's sample API is running. The reducer's arms for `Action::Urls` and
//! `Action::Net` are here; the side effects that produce `NetNews` (the probe, the service worker)
//! live in `components::url_list`.
//!
//! Offline, the chapter's GitHub URLs can only fail, so when the page finds it is offline while 44.3
//! shows them unchanged, it switches them to the sample API's copies and says so (`Net::switched`);
//! a list the person edited, or a locked link's, is never switched.

use crate::engine::Micros;
use crate::link::{check_url, MAX_URLS};
use crate::scenarios::sample_api::{self, MAX_WAIT, SAMPLE_URLS};
use crate::scenarios::{Scenario, ScenarioId, CHAPTER_URLS};

use super::state::{PageState, Phase};

/// Can the page reach the internet (the chapter's host)?
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Online {
    /// Not asked yet (44.3 was not shown yet).
    #[default]
    Unknown,
    Checking,
    Yes,
    /// No: why the page thinks so.
    No(String),
}

/// The sample API's service worker (`browser::sample_api::Status`, as the page state holds it).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SampleApi {
    #[default]
    Unknown,
    Starting,
    Ready,
    Unavailable(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Net {
    pub online: Online,
    pub sample_api: SampleApi,
    /// Set when the page switched the chapter's URLs to the sample API because it is offline: why.
    /// Cleared once the person edits the list.
    pub switched: Option<String>,
}

/// An edit of 44.3's URL list. Refused while a run goes on, in a locked link, or when invalid (the
/// URL list checks with `check` first and says why).
#[derive(Clone, Debug, PartialEq)]
pub enum UrlEdit {
    Set {
        index: usize,
        url: String,
    },
    Add(String),
    Remove(usize),
    /// Move the URL at `from` to `to` (the others shift).
    Move {
        from: usize,
        to: usize,
    },
    /// Set a sample URL's wait (`delay` or `body`) to `seconds`.
    Wait {
        index: usize,
        name: &'static str,
        seconds: f64,
    },
    Preset(Preset),
}

/// Ready-made lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The chapter's three GitHub URLs.
    Chapter,
    /// The same three users from the sample API (works offline).
    Sample,
    /// The sample API with a 404 in the middle: what a failure does to each mode.
    Failure,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Chapter, Preset::Sample, Preset::Failure];

    pub fn id(self) -> &'static str {
        match self {
            Preset::Chapter => "chapter",
            Preset::Sample => "sample",
            Preset::Failure => "failure",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::Chapter => "the chapter's GitHub URLs",
            Preset::Sample => "the sample API (works offline)",
            Preset::Failure => "the sample API with a 404",
        }
    }

    pub fn urls(self) -> Vec<String> {
        let list: Vec<&str> = match self {
            Preset::Chapter => CHAPTER_URLS.to_vec(),
            Preset::Sample => SAMPLE_URLS.to_vec(),
            Preset::Failure => vec![SAMPLE_URLS[0], "sample-api/status/404?delay=0.2", SAMPLE_URLS[2]],
        };
        list.into_iter().map(str::to_string).collect()
    }
}

/// News for the page about the network and the sample API.
#[derive(Clone, Debug, PartialEq)]
pub enum NetNews {
    Checking,
    Online,
    Offline(String),
    SampleApi(SampleApi),
}

/// Why `edit` cannot be made to `urls`, if it cannot (the same checks as a link's URLs).
pub fn check(urls: &[String], edit: &UrlEdit) -> Result<(), String> {
    let url_ok = |url: &str| check_url(url).map(|_| ()).map_err(|why| format!("This URL {why}."));
    match edit {
        UrlEdit::Set { index, url } if *index < urls.len() => url_ok(url),
        UrlEdit::Add(url) if urls.len() < MAX_URLS => url_ok(url),
        UrlEdit::Add(_) => Err(format!("The list holds at most {MAX_URLS} URLs.")),
        UrlEdit::Remove(index) if *index < urls.len() && urls.len() > 1 => Ok(()),
        UrlEdit::Remove(_) => Err("The list needs at least one URL.".to_string()),
        UrlEdit::Move { from, to } if *from < urls.len() && *to < urls.len() => Ok(()),
        UrlEdit::Wait { index, name, seconds } if *index < urls.len() && sample_api::WAITS.contains(name) => {
            if !sample_api::is_sample(&urls[*index]) {
                Err("Only the sample API's URLs have waits.".to_string())
            } else if !seconds.is_finite() || *seconds < 0.0 || *seconds > MAX_WAIT {
                Err(format!("{name} must be from 0 to {} s.", crate::engine::value::py_number(MAX_WAIT)))
            } else {
                Ok(())
            }
        }
        UrlEdit::Preset(_) => Ok(()),
        _ => Err("There is no such URL in the list.".to_string()),
    }
}

/// The list after `edit` (which `check` accepted).
fn apply(urls: &mut Vec<String>, edit: UrlEdit) {
    match edit {
        UrlEdit::Set { index, url } => urls[index] = url.trim().to_string(),
        UrlEdit::Add(url) => urls.push(url.trim().to_string()),
        UrlEdit::Remove(index) => {
            urls.remove(index);
        }
        UrlEdit::Move { from, to } => {
            let url = urls.remove(from);
            urls.insert(to, url);
        }
        UrlEdit::Wait { index, name, seconds } => {
            // What a person would write: 0.30000000000000004 from arrow keys is 0.3.
            let seconds = (seconds * 1e6).round() / 1e6;
            urls[index] = sample_api::with_wait(&urls[index], name, seconds);
        }
        UrlEdit::Preset(preset) => *urls = preset.urls(),
    }
}

/// Measured totals of finished runs, per exact scenario (mode included): the comparison shows the
/// sequential and the concurrent one side by side once both were run with the same values and
/// URLs. With real servers that is the honest comparison; the ideal one can only guess them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured(Vec<(Scenario, Micros)>);

impl Measured {
    /// The measured total of `scenario` run in `mode`, if it was run.
    pub fn total(&self, scenario: &Scenario, mode: &str) -> Option<Micros> {
        let mut wanted = scenario.clone();
        wanted.set_mode(mode).ok()?;
        self.0.iter().find(|(s, _)| *s == wanted).map(|(_, total)| *total)
    }
}

impl PageState {
    /// A run just finished on its own (not stopped, not failed): keep its total, forgetting those
    /// of other values (they no longer compare with anything on the page).
    pub(super) fn remember_measured(&mut self) {
        let Some(total) = self.live.as_ref().filter(|l| l.finished).and_then(|l| l.total) else { return };
        if self.phase() != Phase::Done {
            return;
        }
        let same_code =
            |s: &Scenario| s.id == self.scenario.id && s.values == self.scenario.values && s.urls == self.scenario.urls;
        self.measured.0.retain(|(s, _)| same_code(s) && s.mode != self.scenario.mode);
        self.measured.0.push((self.scenario.clone(), total));
    }

    pub(super) fn edit_urls(&mut self, edit: UrlEdit) {
        if self.scenario.id != ScenarioId::FetchUrls || self.running() || self.lock {
            return;
        }
        if check(&self.scenario.urls, &edit).is_err() {
            return;
        }
        let mut urls = self.scenario.urls.clone();
        apply(&mut urls, edit);
        if urls != self.scenario.urls {
            self.scenario.urls = urls;
            self.net.switched = None;
            self.changed();
        }
    }

    pub(super) fn net_news(&mut self, news: NetNews) {
        match news {
            NetNews::Checking => self.net.online = Online::Checking,
            NetNews::Online => self.net.online = Online::Yes,
            NetNews::Offline(why) => {
                self.net.online = Online::No(why);
                if self.offline_default() {
                    self.changed();
                }
            }
            NetNews::SampleApi(status) => self.net.sample_api = status,
        }
    }

    /// Offline, 44.3 showing the chapter's URLs unchanged: use the sample API's instead (true if it
    /// did). The caller recomputes the ideal run.
    pub(super) fn offline_default(&mut self) -> bool {
        let Online::No(why) = &self.net.online else { return false };
        let chapter = self.scenario.urls.iter().map(String::as_str).eq(CHAPTER_URLS);
        if self.scenario.id != ScenarioId::FetchUrls || !chapter || self.lock || self.running() {
            return false;
        }
        self.scenario.urls = Preset::Sample.urls();
        self.net.switched = Some(why.clone());
        true
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use wasm_bindgen_test::wasm_bindgen_test;
    use yew::Reducible;

    use super::*;
    use crate::link;
    use crate::ui::state::{Action, Phase};

    fn page(hash: &str) -> PageState {
        PageState::from_link(link::decode(hash))
    }

    fn reduce(state: PageState, action: Action) -> PageState {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn urls(state: &PageState) -> Vec<&str> {
        state.scenario.urls.iter().map(String::as_str).collect()
    }

    #[wasm_bindgen_test]
    fn the_list_is_edited_reordered_and_checked() {
        let state = reduce(page("#/fetch-urls"), Action::Urls(UrlEdit::Preset(Preset::Sample)));
        let state = reduce(state, Action::Urls(UrlEdit::Move { from: 2, to: 0 }));
        assert!(urls(&state)[0].starts_with("sample-api/users/torvalds"));
        let state = reduce(state, Action::Urls(UrlEdit::Wait { index: 0, name: "delay", seconds: 0.1 + 0.2 }));
        assert_eq!(urls(&state)[0], "sample-api/users/torvalds?delay=0.3&body=0.1", "a wait as a person writes it");
        // (+2 µs: the program's two clock reads, `start = time.time()` and the total's.)
        assert_eq!(state.ideal.total, Some(1_400_002), "the ideal run follows at once");
        let state = reduce(state, Action::Urls(UrlEdit::Add(" https://example.org/x ".into())));
        assert_eq!(urls(&state).last(), Some(&"https://example.org/x"));
        let state = reduce(state, Action::Urls(UrlEdit::Remove(1)));
        assert_eq!(state.scenario.urls.len(), 3);
        // Refused: a bad URL, a wait on another site's URL, a wait out of range, removing the last.
        let list = state.scenario.urls.clone();
        for bad in [
            UrlEdit::Set { index: 0, url: "javascript:alert(1)".into() },
            UrlEdit::Wait { index: 2, name: "delay", seconds: 1.0 },
            UrlEdit::Wait { index: 0, name: "body", seconds: 61.0 },
            UrlEdit::Wait { index: 0, name: "nope", seconds: 1.0 },
            UrlEdit::Move { from: 0, to: 9 },
        ] {
            assert!(check(&list, &bad).is_err(), "{bad:?}");
            assert_eq!(reduce(state.clone(), Action::Urls(bad)).scenario.urls, list);
        }
        let one = vec!["sample-api/users/a".to_string()];
        assert!(check(&one, &UrlEdit::Remove(0)).unwrap_err().contains("at least one"));
        let full = vec!["sample-api/users/a".to_string(); MAX_URLS];
        assert!(check(&full, &UrlEdit::Add("sample-api/users/b".into())).unwrap_err().contains("at most"));
    }

    #[wasm_bindgen_test]
    fn offline_the_chapters_urls_become_the_sample_apis_and_the_page_says_why() {
        let state = reduce(page("#/fetch-urls"), Action::Net(NetNews::Offline("no answer".into())));
        assert_eq!(state.scenario.urls, Preset::Sample.urls());
        assert_eq!(state.net.switched.as_deref(), Some("no answer"));
        assert_eq!(state.ideal.total, Some(1_300_002), "the ideal run is the sample API's");
        // Coming back to 44.3 from another section: the same.
        let state = reduce(reduce(state, Action::Open(ScenarioId::Gather)), Action::Open(ScenarioId::FetchUrls));
        assert_eq!(state.scenario.urls, Preset::Sample.urls());
        // An edit is the person's choice: never switched back or again.
        let state = reduce(state, Action::Urls(UrlEdit::Preset(Preset::Chapter)));
        assert!(state.net.switched.is_none());
        assert_eq!(urls(&state)[0], "https://api.github.com/users/python");
        // Online, or a list that is not the chapter's, or a locked link: left alone.
        let online = reduce(page("#/fetch-urls"), Action::Net(NetNews::Online));
        assert_eq!(online.scenario.urls[0], "https://api.github.com/users/python");
        let own = page("#/fetch-urls?url=https://example.org/a");
        let own = reduce(own, Action::Net(NetNews::Offline("x".into())));
        assert_eq!(urls(&own), ["https://example.org/a"]);
        let locked = reduce(page("#/fetch-urls?lock=1"), Action::Net(NetNews::Offline("x".into())));
        assert_eq!(locked.scenario.urls[0], "https://api.github.com/users/python");
    }

    #[wasm_bindgen_test]
    fn the_list_is_locked_while_running_and_in_a_locked_link() {
        let running = reduce(page("#/fetch-urls"), Action::Run);
        assert_eq!(running.phase(), Phase::Running);
        let after = reduce(running.clone(), Action::Urls(UrlEdit::Remove(0)));
        assert_eq!(after.scenario.urls.len(), 3);
        let locked = reduce(page("#/fetch-urls?lock=1"), Action::Urls(UrlEdit::Remove(0)));
        assert_eq!(locked.scenario.urls.len(), 3);
    }
}
