//! Links to a state of the page, kept in the URL's hash so any static host can serve them:
//! `#/<section>?<param>=<value>&…&mode=<mode>&speed=<n>&v=1` ⇄ (`Scenario`, speed).
//!
//! Pure (no browser): the UI reads and writes `location.hash` elsewhere and calls these. Decoding
//! never fails, because a link is something people paste, edit by hand and keep for years: whatever
//! cannot be used becomes a default value plus a notice saying what was changed and why.

use crate::engine::value::py_number;
use crate::scenarios::{ParamSpec, Scenario, ScenarioId};

/// The link format's version, written as `v=1`; a later format can still read old links.
pub const VERSION: u32 = 1;

/// The speeds a run can go at (the speed `<select>` offers exactly these).
pub const SPEEDS: [u32; 5] = [1, 2, 5, 10, 20];

/// The section an empty or unknown link opens: 44.2 is the chapter's central example.
pub const DEFAULT_SECTION: ScenarioId = ScenarioId::SayHello;

pub const DEFAULT_SPEED: u32 = 1;

/// What a link decodes to: always a usable state, plus what had to be changed to get it.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub scenario: Scenario,
    pub speed: u32,
    /// One sentence per problem, for the person who opened the link.
    pub notices: Vec<String>,
}

/// The hash for `scenario` at `speed` (every parameter is written, so a link keeps its meaning
/// even if a default changes later).
pub fn encode(scenario: &Scenario, speed: u32) -> String {
    let mut out = format!("#/{}?", scenario.id.id());
    for (spec, value) in scenario.id.params().iter().zip(&scenario.values) {
        out.push_str(&format!("{}={}&", spec.name, py_number(*value)));
    }
    if !scenario.id.modes().is_empty() {
        out.push_str(&format!("mode={}&", escape(scenario.mode)));
    }
    out.push_str(&format!("speed={speed}&v={VERSION}"));
    out
}

/// The section id a hash names (`#/gather?a=1` → `gather`), before any validation; `None` when
/// the hash names no section. The UI uses it to tell a new section (a new history entry) from an
/// edit of the same one (the entry is replaced).
pub fn section_of(hash: &str) -> Option<String> {
    let (path, _) = split(hash);
    let id = unescape(path).trim().to_ascii_lowercase();
    (!id.is_empty()).then_some(id)
}

/// How the address bar should change to show a new hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryStep {
    /// It already shows it.
    Keep,
    /// Same section, other values: replace the entry (Back should not replay every keystroke).
    Replace,
    /// Another section: a new entry, so Back returns to the previous section.
    Push,
}

/// The step from the hash the address bar shows (`current`) to `next`. A page opened without a
/// hash gets its first hash by replacement: opening the page is not a navigation.
pub fn history_step(current: &str, next: &str) -> HistoryStep {
    let current = current.trim_start_matches('#');
    let next_body = next.trim_start_matches('#');
    if current == next_body {
        HistoryStep::Keep
    } else if known_section(current).is_none() || known_section(current) == known_section(next_body) {
        // No hash or an unknown section: the page corrected the address, nobody navigated.
        HistoryStep::Replace
    } else {
        HistoryStep::Push
    }
}

fn known_section(hash: &str) -> Option<ScenarioId> {
    section_of(hash).and_then(|id| ScenarioId::from_id(&id))
}

/// Read a hash (with or without the leading `#` and `/`). Never fails: see the module comment.
pub fn decode(hash: &str) -> Link {
    let mut notices = Vec::new();
    let (path, query) = split(hash);
    let wanted = unescape(path).trim().to_ascii_lowercase();
    let id = if wanted.is_empty() {
        DEFAULT_SECTION
    } else {
        ScenarioId::from_id(&wanted).unwrap_or_else(|| {
            notices.push(format!(
                "This link asks for a section \"{wanted}\" that does not exist: showing {} {} instead.",
                DEFAULT_SECTION.section(),
                DEFAULT_SECTION.title()
            ));
            DEFAULT_SECTION
        })
    };
    let mut scenario = Scenario::new(id);
    let mut speed = DEFAULT_SPEED;

    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let key = unescape(key).trim().to_string();
        let raw = unescape(raw).trim().to_string();
        match key.as_str() {
            "v" => {
                if raw != VERSION.to_string() {
                    notices.push(format!(
                        "This link was written by another version of the playground (v={raw}): settings it has that this one doesn't know were ignored."
                    ));
                }
            }
            "speed" => speed = decode_speed(&raw, &mut notices),
            "mode" => {
                if id.modes().is_empty() {
                    notices.push(format!("{} {} has no modes: mode={raw} was ignored.", id.section(), id.title()));
                } else if scenario.set_mode(&raw).is_err() {
                    notices.push(format!(
                        "Unknown mode \"{raw}\" for {} (it has {}): using {}.",
                        id.section(),
                        id.modes().join(" and "),
                        scenario.mode
                    ));
                }
            }
            _ => match id.params().iter().find(|p| p.name == key) {
                Some(spec) => {
                    let value = decode_value(spec, &raw, &mut notices);
                    // In range by construction; `set` only re-checks.
                    let _ = scenario.set(spec.name, value);
                }
                None => notices
                    .push(format!("This link's setting \"{key}\" is not used by {}: it was ignored.", id.section())),
            },
        }
    }
    Link { scenario, speed, notices }
}

/// `#/x?y` → ("x", "y"); tolerates a missing `#`, `/` or `?`.
fn split(hash: &str) -> (&str, &str) {
    let body = hash.trim().trim_start_matches('#').trim_start_matches('/');
    body.split_once('?').unwrap_or((body, ""))
}

fn decode_speed(raw: &str, notices: &mut Vec<String>) -> u32 {
    let cleaned = raw.trim_end_matches(['x', 'X', '×']);
    match cleaned.parse::<f64>() {
        Ok(value) if value.is_finite() && value > 0.0 => {
            // The allowed speed closest to what was asked (by ratio: 15 is nearer 20 than 10).
            let nearest = SPEEDS
                .into_iter()
                .min_by(|a, b| {
                    let da = (value / f64::from(*a)).ln().abs();
                    let db = (value / f64::from(*b)).ln().abs();
                    da.total_cmp(&db)
                })
                .unwrap_or(DEFAULT_SPEED);
            if f64::from(nearest) != value {
                notices.push(format!("Speed {raw} is not available: using {nearest}×."));
            }
            nearest
        }
        _ => {
            notices.push(format!("Speed \"{raw}\" is not a speed: using {DEFAULT_SPEED}×."));
            DEFAULT_SPEED
        }
    }
}

/// A parameter's value from a link: parsed like typed input, then brought into range.
fn decode_value(spec: &ParamSpec, raw: &str, notices: &mut Vec<String>) -> f64 {
    let unit = spec.unit;
    match raw.replace(',', ".").parse::<f64>() {
        Ok(value) if value.is_finite() => {
            let clamped = spec.clamp(value);
            if clamped != value {
                let why = if value < spec.min {
                    format!("below the minimum {} {unit}", py_number(spec.min))
                } else if value > spec.max {
                    format!("above the maximum {} {unit}", py_number(spec.max))
                } else {
                    "not a whole number".to_string()
                };
                notices.push(format!("{}={raw} is {why}: using {} {unit}.", spec.name, py_number(clamped)));
            }
            clamped
        }
        _ => {
            notices.push(format!(
                "{}=\"{raw}\" is not a number: using the default {} {unit}.",
                spec.name,
                py_number(spec.default)
            ));
            spec.default
        }
    }
}

/// Percent-encode what is not safe in a hash's query (names and values are plain already; this
/// only guards against a future mode name with a space or `&`).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Undo percent-encoding (and `+` for a space, as forms write it). Invalid escapes stay as typed,
/// invalid UTF-8 becomes U+FFFD: a pasted link is never rejected for its spelling.
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_and_mode_round_trips() {
        for id in ScenarioId::ALL {
            let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
            for mode in modes {
                for speed in SPEEDS {
                    let mut scenario = Scenario::new(id);
                    if !mode.is_empty() {
                        scenario.set_mode(mode).unwrap();
                    }
                    // A value other than the default, inside the range, for every parameter.
                    for spec in id.params() {
                        let value = if spec.whole { spec.min + 1.0 } else { (spec.min + spec.max) / 3.0 };
                        scenario.set(spec.name, spec.clamp(value)).unwrap();
                    }
                    let hash = encode(&scenario, speed);
                    let link = decode(&hash);
                    assert_eq!(link.notices, Vec::<String>::new(), "{hash}");
                    assert_eq!(link.scenario, scenario, "{hash}");
                    assert_eq!(link.speed, speed, "{hash}");
                }
            }
        }
    }

    #[test]
    fn the_format_is_the_documented_one() {
        let mut scenario = Scenario::new(ScenarioId::SayHello);
        scenario.set("alice", 1.5).unwrap();
        assert_eq!(encode(&scenario, 20), "#/say-hello?alice=1.5&bob=1&charlie=3&mode=concurrent&speed=20&v=1");
        assert_eq!(encode(&Scenario::new(ScenarioId::Gather), 1), "#/gather?a=1&b=2&speed=1&v=1");
    }

    #[test]
    fn empty_hashes_open_the_default_section_quietly() {
        for hash in ["", "#", "#/", "/", "  "] {
            let link = decode(hash);
            assert_eq!(link.scenario, Scenario::new(DEFAULT_SECTION), "{hash:?}");
            assert_eq!(link.speed, DEFAULT_SPEED);
            assert!(link.notices.is_empty(), "{hash:?}: {:?}", link.notices);
        }
    }

    #[test]
    fn sloppy_but_clear_links_are_understood() {
        let link = decode("gather?a=0,5");
        assert_eq!(link.scenario.id, ScenarioId::Gather);
        assert_eq!(link.scenario.get("a"), 0.5);
        assert!(link.notices.is_empty(), "{:?}", link.notices);
        let link = decode("#/Say-Hello?bob=%32&speed=10x");
        assert_eq!(link.scenario.id, ScenarioId::SayHello);
        assert_eq!(link.scenario.get("bob"), 2.0);
        assert_eq!(link.speed, 10);
        assert!(link.notices.is_empty(), "{:?}", link.notices);
        assert_eq!(section_of("#/gather?a=1"), Some("gather".to_string()));
        assert_eq!(section_of("#"), None);
    }

    #[test]
    fn an_unknown_section_opens_the_default_with_a_notice() {
        let link = decode("#/no-such-thing?alice=1");
        assert_eq!(link.scenario.id, DEFAULT_SECTION);
        assert_eq!(link.scenario.get("alice"), 1.0, "the settings still apply to the section shown");
        assert_eq!(link.notices.len(), 1);
        assert!(link.notices[0].contains("\"no-such-thing\""), "{:?}", link.notices);
    }

    #[test]
    fn bad_numbers_become_defaults_or_limits_with_notices() {
        let link = decode("#/say-hello?alice=abc&bob=-4&charlie=1e9&speed=0&v=1");
        let s = &link.scenario;
        let alice = ScenarioId::SayHello.params()[0];
        assert_eq!(s.get("alice"), alice.default);
        assert_eq!(s.get("bob"), 0.0);
        assert_eq!(s.get("charlie"), ScenarioId::SayHello.params()[2].max);
        assert_eq!(link.speed, DEFAULT_SPEED);
        assert_eq!(link.notices.len(), 4, "{:?}", link.notices);
        assert!(link.notices[0].contains("not a number"), "{:?}", link.notices);
        assert!(link.notices[1].contains("below the minimum"), "{:?}", link.notices);
        assert!(link.notices[2].contains("above the maximum"), "{:?}", link.notices);
        for hash in ["#/gather?a=NaN", "#/gather?a=inf", "#/gather?a=", "#/gather?a"] {
            let link = decode(hash);
            assert_eq!(link.scenario.get("a"), 1.0, "{hash}");
            assert_eq!(link.notices.len(), 1, "{hash}: {:?}", link.notices);
        }
    }

    #[test]
    fn whole_number_parameters_are_rounded() {
        let Some(id) = ScenarioId::ALL.into_iter().find(|id| id.params().iter().any(|p| p.whole)) else { return };
        let spec = id.params().iter().find(|p| p.whole).unwrap();
        let link = decode(&format!("#/{}?{}=2.6", id.id(), spec.name));
        assert_eq!(link.scenario.get(spec.name), 3.0);
        assert!(link.notices[0].contains("not a whole number"), "{:?}", link.notices);
    }

    #[test]
    fn modes_speeds_versions_and_strangers_are_checked() {
        let link = decode("#/say-hello?mode=parallel");
        assert_eq!(link.scenario.mode, "concurrent");
        assert!(link.notices[0].contains("Unknown mode \"parallel\""), "{:?}", link.notices);
        let link = decode("#/say-hello?mode=sequential");
        assert_eq!(link.scenario.mode, "sequential");
        let link = decode("#/gather?mode=sequential");
        assert!(link.notices[0].contains("has no modes"), "{:?}", link.notices);
        let link = decode("#/gather?speed=15");
        assert_eq!(link.speed, 20);
        assert_eq!(link.notices.len(), 1);
        let link = decode("#/gather?speed=fast");
        assert_eq!(link.speed, 1);
        let link = decode("#/gather?v=7&colour=red");
        assert_eq!(link.notices.len(), 2, "{:?}", link.notices);
        assert!(link.notices[1].contains("\"colour\""), "{:?}", link.notices);
    }

    #[test]
    fn escaping_is_undone_and_broken_escapes_survive() {
        assert_eq!(unescape("a%20b+c"), "a b c");
        assert_eq!(unescape("100%"), "100%");
        assert_eq!(unescape("%zz%4"), "%zz%4");
        assert_eq!(unescape("%E2%9C%93"), "✓");
        assert_eq!(escape("a b&c"), "a%20b%26c");
        // Garbage in a hash never panics.
        let link = decode("#/%FF%FE?%=%&&=&a=%C3");
        assert_eq!(link.scenario.id, DEFAULT_SECTION);
    }

    #[test]
    fn new_sections_are_new_history_entries_and_edits_are_not() {
        let hello = "#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&v=1";
        assert_eq!(history_step(hello, hello), HistoryStep::Keep);
        assert_eq!(history_step("", hello), HistoryStep::Replace);
        assert_eq!(history_step("#", hello), HistoryStep::Replace);
        assert_eq!(history_step("#/say-hello?alice=1", hello), HistoryStep::Replace);
        assert_eq!(history_step(hello, "#/gather?a=1&b=2&speed=1&v=1"), HistoryStep::Push);
        // A link to an unknown section is corrected in place.
        assert_eq!(history_step("#/nonsense", hello), HistoryStep::Replace);
    }
}
