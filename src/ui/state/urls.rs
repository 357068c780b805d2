//! 44.3's URL list, as part of the program concern: the edits a person can make to it, the checks
//! they must pass (the same as a link's URLs), and the ready-made lists. `Program::edit_urls` applies
//! them; the URL list component checks first with `check` to say why an edit is refused.

use crate::link::{check_url, MAX_URLS};
use crate::scenarios::sample_api::{self, MAX_WAIT, SAMPLE_URLS};
use crate::scenarios::CHAPTER_URLS;

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
pub(super) fn apply(urls: &mut Vec<String>, edit: UrlEdit) {
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
