//! Links to a state of the page, kept in the URL's fragment so any static host serves them, at any
//! path:
//!
//! `#/<section>?<param>=<value>&…&mode=<mode>&url=<address>&…&speed=<n>&ideal=<0|1>&compare=<0|1>`
//! `[&run=1][&embed=1][&lock=1][&code=<program>]&v=2` ⇄ `Link`. README.md "Links" documents it
//! with examples. `code=` (version 2) is a person's own program: its UTF-8 text compressed with raw
//! DEFLATE (`crate::deflate`) and written in base64url without padding, so it needs no escaping and
//! other tools can write one with their standard library (README has a Python and a node one-liner).
//!
//! Pure (no browser): `browser::address` reads and writes the address bar and calls these. Decoding
//! never fails, because a link is something people paste, edit by hand, cut in half in an email and
//! keep for years: whatever cannot be used becomes the nearest valid value plus a short notice
//! saying what was changed and why. `tests/link_golden.rs` pins how fixed links decode, forever;
//! `tests/link_properties.rs` checks that every state survives the round trip.

use crate::engine::value::py_number;
use crate::engine::{micros_from_secs, secs_from_micros, Micros};
use crate::scenarios::{ParamSpec, Scenario, ScenarioId};

/// The link format's version, written as `v=2`; a later format can still read old links (their
/// missing keys mean what they meant in their version). Version 2 added `code=`; a link that says
/// `v=1` is read exactly as version 1 read it (`tests/link_golden.rs`), so `code=` there is an
/// unknown key, as it always was.
pub const VERSION: u32 = 2;

/// The longest program a link carries, in bytes of UTF-8 source: longer than any program a person
/// writes to learn asyncio, short enough that inflating a hostile link costs little (`inflate`
/// stops there, so a "zip bomb" in `code=` is cut off at this size).
pub const MAX_CODE_BYTES: usize = 64 * 1024;

/// The longest `code=` value read, in characters: what the page writes for a program of
/// `MAX_CODE_BYTES` even if it does not compress at all (stored blocks: 65,546 bytes, 87,395
/// characters of base64url), and far below what browsers keep of an address (Chromium: 2 MB).
/// Longer values are refused before any decoding.
pub const MAX_CODE_CHARS: usize = 90_000;

/// The speeds a run can go at (the speed `<select>` offers exactly these).
pub const SPEEDS: [u32; 5] = [1, 2, 5, 10, 20];

/// The section an empty or unknown link opens: 44.2 is the chapter's central example.
pub const DEFAULT_SECTION: ScenarioId = ScenarioId::SayHello;

pub const DEFAULT_SPEED: u32 = 1;

/// 44.3's URL list holds at most this many addresses: each is a lane and a request, and a link is
/// something a person reads.
pub const MAX_URLS: usize = 10;

/// Longer addresses are refused (browsers and servers cut URLs at a few thousand characters).
pub const MAX_URL_LEN: usize = 2_000;

/// Text from a link quoted in a notice is cut to this many characters: a notice stays short even
/// when the link is a megabyte of garbage.
const QUOTE_CHARS: usize = 40;

/// How the run is drawn: the options a person toggles next to the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    /// Draw the ideal (virtual-clock) run faintly behind a real one (`ideal=1`).
    pub ideal: bool,
    /// 44.2 and 44.3: show the sequential and concurrent runs side by side (`compare=1`).
    pub compare: bool,
    /// Show the run as a table of events (time, task, what happened) instead of the timeline
    /// (`table=1`): the same run, readable by a screen reader line by line.
    pub table: bool,
}

impl Default for View {
    fn default() -> View {
        View { ideal: true, compare: true, table: false }
    }
}

/// The latest moment a link's `t=` may point at (a day): further is surely a mistake, and the page
/// clamps to the run's end anyway.
pub const MAX_CURSOR: Micros = 86_400_000_000;

/// What a link holds: always a usable state, plus what had to be changed to get it.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub scenario: Scenario,
    pub speed: u32,
    pub view: View,
    /// Run as soon as the page opens (`run=1`). An instruction rather than a state: the page drops
    /// it from the address bar once followed, so a reload doesn't run again.
    pub run: bool,
    /// Only the section's code, controls and timeline, for an iframe in a course page (`embed=1`).
    pub embed: bool,
    /// The code stays as the link has it (no mode or URL changes); the values stay editable
    /// (`lock=1`).
    pub lock: bool,
    /// A moment of the run to show (`t=2.5`, seconds at 1x): the timeline, console and tables as
    /// they were then. What a teacher shares to say "look at this moment".
    pub cursor: Option<Micros>,
    /// Predict mode (`predict=1`): before running, the learner orders the lines and guesses the
    /// total; the run then scores the guesses.
    pub predict: bool,
    /// One sentence per problem, for the person who opened the link.
    pub notices: Vec<String>,
}

impl Link {
    /// `scenario` at `speed`, with the default view and no flags.
    pub fn new(scenario: Scenario, speed: u32) -> Link {
        Link {
            scenario,
            speed,
            view: View::default(),
            run: false,
            embed: false,
            lock: false,
            cursor: None,
            predict: false,
            notices: Vec::new(),
        }
    }

    /// The fragment (`#/…`) for this link. Every parameter is written, so a link keeps its meaning
    /// even if a default changes later; the flags only when on.
    pub fn to_hash(&self) -> String {
        let scenario = &self.scenario;
        let id = scenario.id;
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (spec, value) in id.params().iter().zip(&scenario.values) {
            pairs.push((spec.name, py_number(*value)));
        }
        if !id.modes().is_empty() {
            pairs.push(("mode", scenario.mode.to_string()));
        }
        if id == ScenarioId::FetchUrls {
            pairs.extend(scenario.urls.iter().map(|url| ("url", url.clone())));
        }
        pairs.push(("speed", self.speed.to_string()));
        pairs.push(("ideal", flag(self.view.ideal)));
        if compares(id) {
            pairs.push(("compare", flag(self.view.compare)));
        }
        for (key, on) in [("table", self.view.table), ("predict", self.predict)] {
            if on {
                pairs.push((key, flag(true)));
            }
        }
        if let Some(at) = self.cursor {
            pairs.push(("t", py_number(secs_from_micros(at))));
        }
        for (key, on) in [("run", self.run), ("embed", self.embed), ("lock", self.lock)] {
            if on {
                pairs.push((key, flag(true)));
            }
        }
        // The person's own program, after every setting: the longest value, so a link cut short
        // loses (part of) it rather than the settings, and a reader sees the settings first. The
        // values and mode above are still written: they are the section's code to go back to.
        if let Some(code) = &scenario.code {
            pairs.push(("code", encode_code(code)));
        }
        // Last: a link that was cut short is missing its `v`, which tells a reader something.
        pairs.push(("v", VERSION.to_string()));
        let query: Vec<String> = pairs.iter().map(|(key, value)| format!("{key}={}", escape(value))).collect();
        format!("#/{}?{}", id.id(), query.join("&"))
    }
}

/// The hash for `scenario` at `speed`, default view, no flags (the navigation's links).
pub fn encode(scenario: &Scenario, speed: u32) -> String {
    Link::new(scenario.clone(), speed).to_hash()
}

/// The `<iframe>` a course page pastes to embed `link`: the playground at `page_url` (the page's
/// address without its fragment), in embed mode. Its height fits the section's code, controls and
/// timeline at a course page's width without an inner scrollbar (measured by e2e/links.test.mjs).
pub fn embed_snippet(page_url: &str, link: &Link) -> String {
    let embedded = Link { embed: true, notices: Vec::new(), ..link.clone() };
    let id = link.scenario.id;
    let title = format!("async playground: {} {}", id.section(), id.title());
    let height = embed_height(link);
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" style=\"border: 0\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>",
        html_attribute(&format!("{page_url}{}", embedded.to_hash())),
        html_attribute(&title)
    )
}

/// Pixels an embed needs, measured at a course page's width (1000 px: code and run panel side by
/// side): down to the end of the timeline and its legend, plus 44.2's comparison when shown.
/// Whatever lies further down (44.3's comparison and request details) scrolls inside the frame.
/// e2e/links.test.mjs checks that every section's whole timeline fits.
fn embed_height(link: &Link) -> u32 {
    let id = link.scenario.id;
    let down_to_the_timeline = match id {
        ScenarioId::Coroutine => 870,
        ScenarioId::SayHello => 1110,
        // Sequential mode's console has the linter's note about awaiting in a loop.
        ScenarioId::FetchUrls => 1770,
        ScenarioId::Gather => 1050,
        ScenarioId::Background => 1040,
        ScenarioId::ContextManager => 960,
        // Blocking mode's console has asyncio's slow-step warning about the CPU-bound step.
        ScenarioId::CpuVsIo => 1420,
        ScenarioId::Stress => 1680,
        // The code pane grows with the code: about 21 px a line, beside a run panel of ~600 px.
        ScenarioId::Code | ScenarioId::Gallery(_) => {
            let lines = link.scenario.python_text().lines().count() as u32;
            (470 + 21 * lines).max(950)
        }
    };
    let comparison = if id == ScenarioId::SayHello && link.view.compare { 290 } else { 0 };
    down_to_the_timeline + comparison
}

/// Text inside a double-quoted HTML attribute.
fn html_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Sections that show sequential and concurrent side by side (and so have a `compare` option).
pub fn compares(id: ScenarioId) -> bool {
    id.modes().contains(&"sequential") && id.modes().contains(&"concurrent")
}

fn flag(on: bool) -> String {
    if on { "1" } else { "0" }.to_string()
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

/// Read a hash (with or without the leading `#` and `/`). Never fails and never panics: see the
/// module comment. The notices are bounded (one per problem kind or key), whatever the input.
pub fn decode(hash: &str) -> Link {
    let mut notices = Vec::new();
    let mut twice = false;
    let body = undo_whole_encoding(hash, &mut twice);
    let (path, query) = split(&body);
    let query = undo_query_encoding(query, &mut twice);
    let mut cut = ends_in_broken_escape(&body);
    let id = decode_section(path, &mut notices, &mut twice, &mut cut);
    let mut link = Link::new(Scenario::new(id), DEFAULT_SPEED);

    let entries: Vec<(String, Option<String>)> = query
        .split('&')
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').map_or((pair, None), |(k, v)| (k, Some(v)));
            let key = decode_text(key, false, &mut twice).trim().to_ascii_lowercase();
            let value = value.map(|v| decode_text(v, key == "url", &mut twice).trim().to_string());
            (key, value)
        })
        .collect();

    // The version first: it says how to read the rest.
    let mut version = VERSION;
    if let Some((_, value)) = entries.iter().rev().find(|(key, _)| key == "v") {
        let raw = value.as_deref().unwrap_or("");
        match raw.parse::<u32>() {
            Ok(known @ 1..=VERSION) => version = known,
            Ok(newer) if newer > VERSION => {
                version = newer;
                notices.push(format!(
                    "This link was made by a newer version of the playground (v={newer}): this one (v={VERSION}) used what it understands and ignored the rest."
                ));
            }
            _ => {
                notices.push(format!("\"v={}\" is not a version of the link format: read as v={VERSION}.", quote(raw)))
            }
        }
    }

    // A key given more than once counts once, with its last value (only `url` is a list): so a
    // link repeating a bad value a thousand times gets one notice, not a thousand.
    // Sorted by key (stably, so each key's entries stay in order): O(n log n) for links with
    // thousands of keys, and no hash map of its own in the wasm.
    let mut by_key: Vec<(&str, usize)> = entries.iter().enumerate().map(|(i, (key, _))| (key.as_str(), i)).collect();
    crate::sort::sort_by_text(&mut by_key, |(key, _)| key);
    let mut is_last = vec![false; entries.len()];
    // Repeated keys, by where they were first repeated.
    let mut repeats: Vec<(usize, &str)> = Vec::new();
    for same in by_key.chunk_by(|a, b| a.0 == b.0) {
        is_last[same[same.len() - 1].1] = true;
        if let [_, (key, second), ..] = same {
            if *key != "url" && *key != "v" {
                repeats.push((*second, key));
            }
        }
    }
    crate::sort::sort_by_key(&mut repeats, |(second, _)| *second as u64);
    let repeated: Vec<&str> = repeats.into_iter().map(|(_, key)| key).collect();
    let mut unknown: Vec<&str> = Vec::new();
    let mut urls: Option<Vec<&str>> = None;
    for (i, (key, value)) in entries.iter().enumerate() {
        let key = key.as_str();
        let raw = value.as_deref();
        if key != "url" && !is_last[i] {
            continue;
        }
        match key {
            "v" => {}
            "speed" => link.speed = decode_speed(raw.unwrap_or(""), &mut notices),
            "mode" => decode_mode(&mut link.scenario, raw.unwrap_or(""), &mut notices),
            "url" if id == ScenarioId::FetchUrls => urls.get_or_insert_with(Vec::new).push(raw.unwrap_or("")),
            "url" => {
                if !notices.iter().any(|n| n.contains("has no URL list")) {
                    notices.push(format!("{} {} has no URL list: url=… was ignored.", id.section(), id.title()));
                }
            }
            // `compare` is kept even where the section has no comparison: it is a view setting,
            // and applies again on 44.2 and 44.3.
            "ideal" => decode_flag("ideal", raw, &mut link.view.ideal, &mut notices),
            "compare" => decode_flag("compare", raw, &mut link.view.compare, &mut notices),
            "table" => decode_flag("table", raw, &mut link.view.table, &mut notices),
            "predict" => decode_flag("predict", raw, &mut link.predict, &mut notices),
            "t" => link.cursor = decode_cursor(raw.unwrap_or(""), &mut notices),
            "run" => decode_flag("run", raw, &mut link.run, &mut notices),
            "embed" => decode_flag("embed", raw, &mut link.embed, &mut notices),
            "lock" => decode_flag("lock", raw, &mut link.lock, &mut notices),
            "code" if version >= 2 => link.scenario.code = decode_code(raw.unwrap_or(""), &mut notices),
            _ => match id.params().iter().find(|p| p.name == key) {
                Some(spec) => {
                    let value = decode_value(spec, raw, &mut notices);
                    // In range by construction; `set` only re-checks.
                    let _ = link.scenario.set(spec.name, value);
                }
                // The last setting of a link cut short: `…&charl`.
                None if i + 1 == entries.len() && raw.is_none_or(str::is_empty) && is_cut_key(id, key) => {
                    cut = true;
                }
                // Each key is seen once here (only its last occurrence is read), so no duplicates.
                None => unknown.push(key),
            },
        }
    }

    if let Some(urls) = urls {
        decode_urls(&mut link.scenario, &urls, &mut notices);
    }
    if !repeated.is_empty() {
        notices.push(format!("{} given more than once: the last one counts.", list(&repeated, "is", "are")));
    }
    if !unknown.is_empty() {
        let whose =
            if version > VERSION { "this version of the playground".to_string() } else { id.section().to_string() };
        notices.push(format!(
            "{} not used by {whose}: ignored.",
            list(&unknown.iter().map(|k| format!("\"{}\"", quote(k))).collect::<Vec<_>>(), "is", "are")
        ));
    }
    if twice {
        notices
            .insert(0, "This link had been encoded twice (copied through another tool?): it was decoded.".to_string());
    }
    if cut {
        notices.push(
            "This link looks cut off at the end: whatever was lost uses its default value. Ask for the whole link if it matters."
                .to_string(),
        );
    }
    link.notices = notices;
    link
}

/// A program as a `code=` value: raw DEFLATE in base64url, no padding.
///
/// Why not the browser's `CompressionStream('deflate-raw')`, which the page has for free: it is
/// async (a stream), while a link is encoded and decoded synchronously, here in the pure core,
/// on every edit and on every address the page is given; with it, the core would hold bytes it
/// cannot read, and native tests could not check that a link round-trips. The hand-written codec
/// (`crate::deflate`) adds about 2.0 kB brotli to the site, the `miniz_oxide` crate 10.6 kB
/// (README "Links" has the figures).
fn encode_code(code: &str) -> String {
    base64url(&crate::deflate::deflate(code.as_bytes()))
}

/// The program a `code=` value holds, or `None` with a notice: the section's own code is shown.
fn decode_code(raw: &str, notices: &mut Vec<String>) -> Option<String> {
    use crate::deflate::InflateError;
    let problem = if raw.len() > MAX_CODE_CHARS {
        "too long to be read".to_string()
    } else {
        match from_base64url(raw).map(|bytes| crate::deflate::inflate(&bytes, MAX_CODE_BYTES)) {
            None => "not base64url".to_string(),
            Some(Ok(source)) => match String::from_utf8(source) {
                Ok(code) => return Some(code),
                Err(_) => "not UTF-8 text".to_string(),
            },
            Some(Err(InflateError::Truncated)) => "cut off".to_string(),
            Some(Err(InflateError::Invalid)) => "damaged (not raw DEFLATE)".to_string(),
            Some(Err(InflateError::TooLong)) => format!("longer than {} KiB", MAX_CODE_BYTES / 1024),
        }
    };
    notices.push(format!("The program in this link (code=) is {problem}: showing the section's own code."));
    None
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648's base64url without `=` padding: letters, digits, `-` and `_`, none of which a link
/// escapes.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |group, (i, &b)| group | u32::from(b) << (16 - 8 * i));
        // 1, 2 or 3 bytes are 2, 3 or 4 characters.
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(group >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// Bytes from base64url, with or without padding. Plain base64's `+` and `/` are read too (a tool
/// may write them), and a space as `+` (which the link's unescaping turned it into). `None` when
/// it is not base64.
fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut pending, mut bits) = (0u32, 0);
    for c in text.trim_end_matches('=').bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' | b' ' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        pending = (pending << 6 | u32::from(value)) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((pending >> bits) as u8);
        }
    }
    // One character alone in its group of four holds 6 bits: less than a byte.
    (bits < 6).then_some(out)
}

/// `a`, `"a" and "b" are`, `"a", "b", "c" and 2 more are`: a few names, never a flood.
fn list<S: AsRef<str>>(names: &[S], one: &str, many: &str) -> String {
    let shown: Vec<&str> = names.iter().take(3).map(AsRef::as_ref).collect();
    let text = match (shown.len(), names.len()) {
        (1, _) => shown[0].to_string(),
        (n, total) if total > n => format!("{} and {} more", shown.join(", "), total - n),
        _ => format!("{} and {}", shown[..shown.len() - 1].join(", "), shown[shown.len() - 1]),
    };
    format!("{text} {}", if names.len() == 1 { one } else { many })
}

/// Text from a link, cut short and in quotes-safe form for a notice.
fn quote(text: &str) -> String {
    let clean: String = text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect();
    match clean.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}…", &clean[..end]),
        None => clean,
    }
}

/// The section a path names. Besides the ids, section numbers (`44.2`) are accepted quietly; a
/// spelling with other separators (`say_hello`) or a unique beginning (`say-he`, a cut link) is
/// read as the section it must mean, with a notice.
fn decode_section(path: &str, notices: &mut Vec<String>, twice: &mut bool, cut: &mut bool) -> ScenarioId {
    let wanted = decode_text(path, false, twice).trim().trim_end_matches('/').to_ascii_lowercase();
    if wanted.is_empty() {
        return DEFAULT_SECTION;
    }
    if let Some(id) = ScenarioId::from_id(&wanted) {
        return id;
    }
    if let Some(id) = ScenarioId::ALL.into_iter().find(|id| id.section().eq_ignore_ascii_case(&wanted)) {
        return id;
    }
    let letters = |text: &str| text.chars().filter(char::is_ascii_alphanumeric).collect::<String>();
    if let Some(id) = ScenarioId::ALL.into_iter().find(|id| letters(id.id()) == letters(&wanted)) {
        notices.push(format!("Read the section \"{}\" as \"{}\".", quote(&wanted), id.id()));
        return id;
    }
    let starting: Vec<ScenarioId> = ScenarioId::ALL.into_iter().filter(|id| id.id().starts_with(&wanted)).collect();
    if let [id] = starting[..] {
        *cut = true;
        notices.push(format!(
            "The section \"{}\" looks cut off: showing {} {}.",
            quote(&wanted),
            id.section(),
            id.title()
        ));
        return id;
    }
    notices.push(format!(
        "This link asks for a section \"{}\" that does not exist: showing {} {} instead.",
        quote(&wanted),
        DEFAULT_SECTION.section(),
        DEFAULT_SECTION.title()
    ));
    DEFAULT_SECTION
}

/// `key` is the beginning of a setting the section has (`charl` for `charlie`).
fn is_cut_key(id: ScenarioId, key: &str) -> bool {
    let mut known = id.params().iter().map(|p| p.name).chain(GENERAL_KEYS);
    !key.is_empty() && known.any(|k| k.starts_with(key) && k != key)
}

fn decode_mode(scenario: &mut Scenario, raw: &str, notices: &mut Vec<String>) {
    let id = scenario.id;
    let wanted = raw.to_ascii_lowercase();
    if id.modes().is_empty() {
        notices.push(format!("{} {} has no modes: mode={} was ignored.", id.section(), id.title(), quote(raw)));
    } else if scenario.set_mode(&wanted).is_err() {
        notices.push(format!(
            "Unknown mode \"{}\" for {} (it has {}): using {}.",
            quote(raw),
            id.section(),
            id.modes().join(" and "),
            scenario.mode
        ));
    }
}

/// `on`/`off` switches: `1`, `true`, `yes`, `on` (or the bare key) and `0`, `false`, `no`, `off`.
fn decode_flag(key: &str, raw: Option<&str>, into: &mut bool, notices: &mut Vec<String>) {
    match raw.map(str::to_ascii_lowercase).as_deref() {
        None | Some("1" | "true" | "yes" | "on") => *into = true,
        Some("0" | "false" | "no" | "off") => *into = false,
        Some(other) => notices.push(format!(
            "{key}={} is neither 1 nor 0: kept {key}={}.",
            quote(other),
            if *into { 1 } else { 0 }
        )),
    }
}

/// `t=2.5` (seconds, optionally `2.5s`): a moment of the run. Anything else shows the whole run,
/// with a notice.
fn decode_cursor(raw: &str, notices: &mut Vec<String>) -> Option<Micros> {
    let cleaned = raw.trim_end_matches(['s', 'S']);
    match crate::decimal::parse_f64(cleaned) {
        Some(secs) if secs.is_finite() && secs >= 0.0 && raw.chars().any(|c| c.is_ascii_digit()) => {
            let at = micros_from_secs(secs);
            if at > MAX_CURSOR {
                notices.push(format!("t={} is past any run: showing the end of the run.", quote(raw)));
            }
            Some(at.min(MAX_CURSOR))
        }
        _ => {
            notices.push(format!(
                "\"t={}\" is not a moment of the run (seconds, like t=1.5): showing the whole run.",
                quote(raw)
            ));
            None
        }
    }
}

fn decode_speed(raw: &str, notices: &mut Vec<String>) -> u32 {
    let cleaned = raw.trim_end_matches(['x', 'X', '×']);
    match crate::decimal::parse_f64(cleaned) {
        Some(value) if value > 0.0 && !value.is_nan() && raw.chars().any(|c| c.is_ascii_digit()) => {
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
                notices.push(format!("Speed {} is not available: using {nearest}×.", quote(raw)));
            }
            nearest
        }
        _ => {
            notices.push(format!("Speed \"{}\" is not a speed: using {DEFAULT_SPEED}×.", quote(raw)));
            DEFAULT_SPEED
        }
    }
}

/// A parameter's value from a link: parsed like typed input, then brought into range.
fn decode_value(spec: &ParamSpec, raw: Option<&str>, notices: &mut Vec<String>) -> f64 {
    let unit = spec.unit;
    let raw = raw.unwrap_or("");
    let parsed = crate::decimal::parse_f64(&raw.replace(',', ".")).filter(|v| !v.is_nan());
    // "1e999" or 400 digits parse as infinity: a huge number, not a word like "inf".
    let parsed = parsed.filter(|v| v.is_finite() || raw.chars().any(|c| c.is_ascii_digit()));
    match parsed {
        Some(value) => {
            // `clamp` keeps -0.0, which would be written "-0": a person means 0.
            let clamped = if value.is_finite() { spec.clamp(value) } else { spec.clamp(value.signum() * f64::MAX) };
            let clamped = if clamped == 0.0 { 0.0 } else { clamped };
            if clamped != value {
                let why = if value < spec.min {
                    format!("below the minimum {} {unit}", py_number(spec.min))
                } else if value > spec.max {
                    format!("above the maximum {} {unit}", py_number(spec.max))
                } else {
                    "not a whole number".to_string()
                };
                notices.push(format!("{}={} is {why}: using {} {unit}.", spec.name, quote(raw), py_number(clamped)));
            }
            clamped
        }
        None => {
            notices.push(format!(
                "{}=\"{}\" is not a number: using the default {} {unit}.",
                spec.name,
                quote(raw),
                py_number(spec.default)
            ));
            spec.default
        }
    }
}

/// 44.3's list from the link's `url=` entries, in order: the usable ones (at most `MAX_URLS`), or
/// the default list when none is.
fn decode_urls(scenario: &mut Scenario, urls: &[&str], notices: &mut Vec<String>) {
    let mut kept = Vec::new();
    let mut refused = Vec::new();
    for (n, raw) in urls.iter().enumerate() {
        match check_url(raw) {
            Ok(url) if kept.len() < MAX_URLS => kept.push(url),
            Ok(_) => {}
            Err(why) => refused.push(format!("URL {} ({}) {why}", n + 1, quote(raw))),
        }
    }
    let usable = urls.len() - refused.len();
    if !refused.is_empty() {
        let more = if refused.len() > 2 { format!(" and {} more", refused.len() - 2) } else { String::new() };
        notices.push(format!("{}{more}: left out.", refused[..refused.len().min(2)].join("; ")));
    }
    if usable > MAX_URLS {
        notices.push(format!("The list can hold {MAX_URLS} URLs: the other {} were left out.", usable - MAX_URLS));
    }
    if kept.is_empty() {
        notices.push("None of the link's URLs can be used: showing the chapter's list.".to_string());
    } else {
        scenario.urls = kept;
    }
}

/// An address the fetch example may request: `http(s)://host…`, or a relative path (the site's own
/// sample API). The reason when not, for a notice.
pub fn check_url(raw: &str) -> Result<String, &'static str> {
    let url = raw.trim();
    if url.is_empty() {
        return Err("is empty");
    }
    if url.len() > MAX_URL_LEN {
        return Err("is too long");
    }
    // Not allowed unescaped in a URL, and they would break the Python code the page shows.
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c)) {
        return Err("has spaces or characters a URL can't have");
    }
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
            if web && !host.is_empty() && !host.starts_with('@') {
                Ok(url.to_string())
            } else {
                Err("is not an http(s) address")
            }
        }
        // `javascript:…`, `data:…`, `//host` (another site without saying which protocol).
        None if url.starts_with("//") || url.split(['/', '?', '#']).next().unwrap_or("").contains(':') => {
            Err("is not an http(s) address")
        }
        None => Ok(url.to_string()),
    }
}

/// `#/x?y` → ("x", "y"); tolerates a missing `#`, `/` or `?`.
fn split(hash: &str) -> (&str, &str) {
    let body = hash.trim().trim_start_matches('#').trim_start_matches('/');
    body.split_once('?').unwrap_or((body, ""))
}

/// A whole link percent-encoded once more (`%2Fsay-hello%3Falice%3D2`, what `encodeURIComponent`
/// or a mail client makes of it) has none of the characters that structure a link: decode it
/// (at most three times over) and say so.
fn undo_whole_encoding(hash: &str, twice: &mut bool) -> String {
    let mut body = hash.trim().trim_start_matches('#').to_string();
    for _ in 0..3 {
        let encoded = !body.contains(['?', '=', '&']) && has_escape_of(&body, &["3f", "3d", "26", "2f", "23", "25"]);
        if !encoded {
            break;
        }
        body = percent_decode(&body).trim().trim_start_matches('#').to_string();
        *twice = true;
    }
    body
}

/// The query alone encoded once more (`alice%3D2%26bob%3D1`), or only its `&`s
/// (`alice=2%26bob=1`, which some tools do). An `&` escaped inside a lone URL
/// (`url=https://x.example/?a=1%26b=2`) stays: only an escaped `&` followed by one of the link's
/// own keys counts, and never in a link that starts with its URL.
fn undo_query_encoding(query: &str, twice: &mut bool) -> String {
    let mut query = query.to_string();
    for _ in 0..3 {
        let whole = !query.contains(['=', '&']) && has_escape_of(&query, &["3d", "26"]);
        let amps = !query.contains('&')
            && !query.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("url="))
            && escaped_amp_before_key(&query);
        if !whole && !amps {
            break;
        }
        query = percent_decode(&query);
        *twice = true;
    }
    query
}

/// `%26` followed by a key of the format (`%26bob=`, `%26speed%3D`).
fn escaped_amp_before_key(query: &str) -> bool {
    let lower = query.to_ascii_lowercase();
    lower.match_indices("%26").any(|(at, _)| {
        let rest = &lower[at + 3..];
        let key = rest.split(['=', '%']).next().unwrap_or("");
        let followed_by_equals = rest[key.len()..].starts_with('=') || rest[key.len()..].starts_with("%3d");
        followed_by_equals && is_format_key(key)
    })
}

/// A key some link of this format can have: a parameter of any section or a general setting.
fn is_format_key(key: &str) -> bool {
    GENERAL_KEYS.contains(&key) || ScenarioId::ALL.iter().any(|id| id.params().iter().any(|p| p.name == key))
}

/// The keys every section understands (besides its parameters).
const GENERAL_KEYS: [&str; 13] =
    ["mode", "url", "speed", "ideal", "compare", "table", "predict", "t", "run", "embed", "lock", "code", "v"];

fn has_escape_of(text: &str, codes: &[&str]) -> bool {
    let lower = text.to_ascii_lowercase();
    codes.iter().any(|code| lower.contains(&format!("%{code}")))
}

/// Ends in `%` or `%X`: an escape cut in half, the mark of a truncated link.
fn ends_in_broken_escape(text: &str) -> bool {
    let bytes = text.trim_end().as_bytes();
    match bytes {
        [.., b'%'] => true,
        [.., b'%', last] => last.is_ascii_hexdigit(),
        _ => false,
    }
}

/// A key or value read from a link: unescaped, and once more if that left escapes in it (a value
/// encoded twice: `1%252E5`). A URL is decoded again only when its `://` is still escaped: an
/// address may legitimately contain `%20`.
fn decode_text(text: &str, url: bool, twice: &mut bool) -> String {
    let once = unescape(text);
    let again = if url {
        let lower = once.to_ascii_lowercase();
        lower.starts_with("http%3a") || lower.starts_with("https%3a")
    } else {
        has_valid_escape(&once)
    };
    if again {
        *twice = true;
        unescape(&once)
    } else {
        once
    }
}

fn has_valid_escape(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// Percent-encode what is not plainly readable and safe in a fragment's query: `&`, `%`, `+`,
/// `#`, spaces, quotes and the like, and non-ASCII. `:` and `/` stay, so URLs remain readable.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:/?@!$'()*,;=".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Undo percent-encoding and `+` for a space (as forms write it).
fn unescape(text: &str) -> String {
    decode_bytes(text, true)
}

/// Undo percent-encoding only (a whole link encoded again keeps its `+`s).
fn percent_decode(text: &str) -> String {
    decode_bytes(text, false)
}

/// Invalid escapes stay as typed, invalid UTF-8 becomes U+FFFD: a pasted link is never rejected
/// for its spelling.
fn decode_bytes(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // Both digits checked: `from_str_radix` alone would take "%+1" for byte 1.
            b'%' if i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() => {
                out.push(hex_value(bytes[i + 1]) * 16 + hex_value(bytes[i + 2]));
                i += 3;
            }
            b'+' if plus_is_space => {
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

fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit.to_ascii_uppercase().wrapping_sub(b'A').wrapping_add(10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_mode_speed_and_flag_round_trips() {
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
                    let mut link = Link::new(scenario, speed);
                    link.view = View { ideal: speed % 2 == 0, compare: !compares(id) || speed > 5, table: false };
                    (link.run, link.embed, link.lock) = (speed == 1, speed == 2, speed >= 10);
                    let decoded = decode(&link.to_hash());
                    assert_eq!(decoded, link, "{}", link.to_hash());
                }
            }
        }
    }

    #[test]
    fn the_format_is_the_documented_one() {
        let mut scenario = Scenario::new(ScenarioId::SayHello);
        scenario.set("alice", 1.5).unwrap();
        assert_eq!(
            encode(&scenario, 20),
            "#/say-hello?alice=1.5&bob=1&charlie=3&mode=concurrent&speed=20&ideal=1&compare=1&v=2"
        );
        assert_eq!(encode(&Scenario::new(ScenarioId::Gather), 1), "#/gather?a=1&b=2&speed=1&ideal=1&v=2");
        let mut link = Link::new(Scenario::new(ScenarioId::Gather), 5);
        link.view.ideal = false;
        (link.run, link.embed, link.lock) = (true, true, true);
        assert_eq!(link.to_hash(), "#/gather?a=1&b=2&speed=5&ideal=0&run=1&embed=1&lock=1&v=2");
        let mut fetch = Scenario::new(ScenarioId::FetchUrls);
        fetch.urls = vec!["https://example.org/a?x=1&y=2".into(), "sample-api/users/ada".into()];
        assert_eq!(
            encode(&fetch, 1),
            "#/fetch-urls?latency=0.3&timeout=10&mode=sequential&url=https://example.org/a?x=1%26y=2&url=sample-api/users/ada&speed=1&ideal=1&compare=1&v=2"
        );
    }

    #[test]
    fn the_embed_snippet_is_an_iframe_of_the_embedded_link() {
        let mut link = Link::new(Scenario::new(ScenarioId::Gather), 2);
        link.lock = true;
        let snippet = embed_snippet("https://host.example/sub/path/", &link);
        assert!(
            snippet.starts_with(
                "<iframe src=\"https://host.example/sub/path/#/gather?a=1&amp;b=2&amp;speed=2&amp;ideal=1&amp;embed=1&amp;lock=1&amp;v=2\" title=\"async playground: 44.4.1 asyncio.gather()\""
            ),
            "{snippet}"
        );
        assert!(snippet.ends_with("allow=\"clipboard-write\"></iframe>"), "{snippet}");
        let quoted = embed_snippet("https://h.example/?q=\"<x>\"", &link);
        assert!(quoted.contains("?q=&quot;&lt;x&gt;&quot;#/gather"), "{quoted}");
    }

    #[test]
    fn empty_hashes_open_the_default_section_quietly() {
        for hash in ["", "#", "#/", "/", "  ", "#/?", "#/?&&"] {
            let link = decode(hash);
            assert_eq!(link, Link::new(Scenario::new(DEFAULT_SECTION), DEFAULT_SPEED), "{hash:?}");
        }
    }

    #[test]
    fn sloppy_but_clear_links_are_understood_quietly() {
        let link = decode("gather?a=0,5");
        assert_eq!(link.scenario.id, ScenarioId::Gather);
        assert_eq!(link.scenario.get("a"), 0.5);
        assert!(link.notices.is_empty(), "{:?}", link.notices);
        let link = decode("#/Say-Hello?BOB=%32&speed=10x&mode=Sequential&ideal=off&run");
        assert_eq!(link.scenario.id, ScenarioId::SayHello);
        assert_eq!(link.scenario.get("bob"), 2.0);
        assert_eq!(link.scenario.mode, "sequential");
        assert_eq!(link.speed, 10);
        assert!(!link.view.ideal);
        assert!(link.run, "a bare flag means on");
        assert!(link.notices.is_empty(), "{:?}", link.notices);
        let link = decode("#/44.4.1?a=3");
        assert_eq!((link.scenario.id, link.scenario.get("a")), (ScenarioId::Gather, 3.0));
        assert!(link.notices.is_empty(), "section numbers are accepted: {:?}", link.notices);
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
        let link = decode("#/say_hello");
        assert_eq!(link.scenario.id, ScenarioId::SayHello);
        assert!(link.notices[0].contains("as \"say-hello\""), "{:?}", link.notices);
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
        for hash in ["#/gather?a=NaN", "#/gather?a=inf", "#/gather?a=", "#/gather?a", "#/gather?a=-nan"] {
            let link = decode(hash);
            assert_eq!(link.scenario.get("a"), 1.0, "{hash}");
            assert_eq!(link.notices.len(), 1, "{hash}: {:?}", link.notices);
        }
        // Numbers too large for a float are huge, not "not a number".
        let link = decode(&format!("#/gather?a={}&b=-{}", "9".repeat(400), "9".repeat(400)));
        assert_eq!((link.scenario.get("a"), link.scenario.get("b")), (60.0, 0.0));
        assert!(link.notices[0].contains("above the maximum") && link.notices[0].len() < 120, "{:?}", link.notices);
        let link = decode("#/gather?a=-0");
        assert_eq!(link.scenario.get("a").to_bits(), 0.0f64.to_bits(), "-0 is written 0");
        assert!(link.notices.is_empty());
    }

    #[test]
    fn whole_number_parameters_are_rounded() {
        let link = decode("#/many-tasks?n=2.6");
        assert_eq!(link.scenario.get("n"), 3.0);
        assert!(link.notices[0].contains("not a whole number"), "{:?}", link.notices);
    }

    #[test]
    fn modes_speeds_flags_and_versions_are_checked() {
        let link = decode("#/say-hello?mode=parallel");
        assert_eq!(link.scenario.mode, "concurrent");
        assert!(link.notices[0].contains("Unknown mode \"parallel\""), "{:?}", link.notices);
        let link = decode("#/gather?mode=sequential");
        assert!(link.notices[0].contains("has no modes"), "{:?}", link.notices);
        let link = decode("#/gather?speed=15");
        assert_eq!((link.speed, link.notices.len()), (20, 1));
        let link = decode("#/gather?speed=fast");
        assert_eq!(link.speed, 1);
        let link = decode("#/gather?speed=inf");
        assert_eq!((link.speed, link.notices.len()), (1, 1));
        let link = decode("#/gather?run=maybe&embed=1");
        assert!(!link.run && link.embed);
        assert!(link.notices[0].contains("run=maybe is neither 1 nor 0"), "{:?}", link.notices);
        let link = decode("#/gather?a=1&v=3&colour=red&theme=dark");
        assert_eq!(link.scenario.get("a"), 1.0);
        assert_eq!(link.notices.len(), 2, "{:?}", link.notices);
        assert!(link.notices[0].contains("newer version") && link.notices[0].contains("v=3"), "{:?}", link.notices);
        for version in ["1", "2", "01"] {
            assert!(decode(&format!("#/gather?v={version}")).notices.is_empty(), "v={version}");
        }
        assert_eq!(decode("#/gather?v=0").notices.len(), 1);
        assert!(link.notices[1].contains("\"colour\" and \"theme\" are not used"), "{:?}", link.notices);
        let link = decode("#/gather?v=banana");
        assert!(link.notices[0].contains("not a version"), "{:?}", link.notices);
    }

    #[test]
    fn unknown_and_repeated_keys_give_one_short_notice_each() {
        let pairs: String = (0..5_000).map(|i| format!("k{i}=1&")).collect();
        let link = decode(&format!("#/gather?{pairs}a=2&a=3&b=1&b=1"));
        assert_eq!(link.scenario.get("a"), 3.0, "the last one counts");
        assert_eq!(link.notices.len(), 2, "{:?}", link.notices);
        assert!(link.notices[0].starts_with("a and b are given more than once"), "{:?}", link.notices);
        assert!(link.notices[1].contains("and 4997 more are not used by 44.4.1"), "{:?}", link.notices);
        let long = "x".repeat(10_000);
        let link = decode(&format!("#/{long}?{long}={long}"));
        assert!(link.notices.iter().all(|n| n.chars().count() < 200), "{:?}", link.notices);
    }

    #[test]
    fn cut_links_are_recognised() {
        let full = encode(&Scenario::new(ScenarioId::SayHello), 1);
        for end in 1..full.len() {
            // Whatever the cut, a valid state comes out (and nothing panics).
            let link = decode(&full[..end]);
            for (spec, value) in link.scenario.id.params().iter().zip(&link.scenario.values) {
                assert_eq!(spec.validate(*value), Ok(*value), "{}", &full[..end]);
            }
        }
        let link = decode("#/say-he");
        assert_eq!(link.scenario.id, ScenarioId::SayHello);
        assert!(link.notices[0].contains("looks cut off"), "{:?}", link.notices);
        let link = decode("#/say-hello?alice=1.5&charl");
        assert_eq!(link.scenario.get("alice"), 1.5);
        assert_eq!(link.notices.len(), 1, "{:?}", link.notices);
        assert!(link.notices[0].contains("looks cut off at the end"), "{:?}", link.notices);
        let link = decode("#/say-hello?alice=2%2");
        assert!(link.notices.iter().any(|n| n.contains("cut off")), "{:?}", link.notices);
    }

    #[test]
    fn links_encoded_twice_are_decoded_with_a_notice() {
        let mut scenario = Scenario::new(ScenarioId::SayHello);
        scenario.set("alice", 1.5).unwrap();
        let hash = encode(&scenario, 2);
        // What `encodeURIComponent` makes of it.
        let component = |text: &str| -> String {
            text.bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect()
        };
        let once = component(&hash[1..]);
        let amps = hash.replace('&', "%26");
        for twice in [format!("#{once}"), format!("#{}", component(&once)), component(&hash), amps] {
            let link = decode(&twice);
            assert_eq!((&link.scenario, link.speed), (&scenario, 2), "{twice}");
            assert_eq!(link.notices.len(), 1, "{twice}: {:?}", link.notices);
            assert!(link.notices[0].contains("encoded twice"), "{:?}", link.notices);
        }
        let link = decode("#/say-hello?alice%3D1.5%26bob%3D4");
        assert_eq!((link.scenario.get("alice"), link.scenario.get("bob")), (1.5, 4.0));
        let link = decode("#/say-hello?alice=1%252E5");
        assert_eq!(link.scenario.get("alice"), 1.5);
        assert!(link.notices[0].contains("encoded twice"), "{:?}", link.notices);
        let link = decode("#/fetch-urls?url=https%253A%252F%252Fexample.org%252Fa");
        assert_eq!(link.scenario.urls, ["https://example.org/a"]);
    }

    #[test]
    fn url_lists_are_read_in_order_and_checked() {
        let link =
            decode("#/fetch-urls?url=https://a.example/x%20y&url=sample-api/users/ada&url=http://b.example:8080");
        assert_eq!(link.scenario.urls, ["sample-api/users/ada", "http://b.example:8080"]);
        assert!(link.notices[0].contains("URL 1 (https://a.example/x y) has spaces"), "{:?}", link.notices);
        // A space in an address is written %20, which the link escapes once more.
        let mut scenario = Scenario::new(ScenarioId::FetchUrls);
        scenario.urls = vec!["https://a.example/x%20y?q=a%26b".into()];
        let hash = encode(&scenario, 1);
        assert!(hash.contains("url=https://a.example/x%2520y?q=a%2526b&"), "{hash}");
        let link = decode(&hash);
        assert_eq!(link.scenario.urls, scenario.urls);
        assert!(link.notices.is_empty(), "{:?}", link.notices);
        let link = decode("#/fetch-urls?url=https://x.example/?a=1%26b=2");
        assert_eq!(link.scenario.urls, ["https://x.example/?a=1&b=2"], "an & inside the only URL stays in it");
        let link =
            decode("#/fetch-urls?url=javascript:alert(1)&url=//evil.example&url=&url=ftp://x&url=https://ok.example");
        assert_eq!(link.scenario.urls, ["https://ok.example"]);
        assert_eq!(link.notices.len(), 1, "{:?}", link.notices);
        assert!(
            link.notices[0].contains("URL 1 (javascript:alert(1)) is not an http(s) address"),
            "{:?}",
            link.notices
        );
        assert!(link.notices[0].contains("and 2 more"), "{:?}", link.notices);
        let link = decode("#/fetch-urls?url=data:text/plain,hi");
        assert_eq!(link.scenario.urls, Scenario::new(ScenarioId::FetchUrls).urls);
        assert!(link.notices.last().unwrap().contains("showing the chapter's list"), "{:?}", link.notices);
        let many: String = (0..15).map(|i| format!("url=https://h{i}.example&")).collect();
        let link = decode(&format!("#/fetch-urls?{many}"));
        assert_eq!(link.scenario.urls.len(), MAX_URLS);
        assert!(link.notices[0].contains("the other 5 were left out"), "{:?}", link.notices);
        let link = decode("#/gather?url=https://a.example");
        assert!(link.notices[0].contains("has no URL list"), "{:?}", link.notices);
    }

    #[test]
    fn escaping_is_undone_and_broken_escapes_survive() {
        assert_eq!(unescape("a%20b+c"), "a b c");
        assert_eq!(unescape("100%"), "100%");
        assert_eq!(unescape("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%+1%-1+"), "%+1%-1+");
        assert_eq!(unescape("%E2%9C%93%e2%9c%93"), "✓✓");
        assert_eq!(escape("a b&c+d#e%f✓"), "a%20b%26c%2Bd%23e%25f%E2%9C%93");
        assert_eq!(escape("https://x.example/p?q=1"), "https://x.example/p?q=1");
        // Garbage in a hash never panics.
        let link = decode("#/%FF%FE?%=%&&=&a=%C3");
        assert_eq!(link.scenario.id, DEFAULT_SECTION);
    }

    #[test]
    fn base64url_is_rfc_4648_without_padding() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
        let all: Vec<u8> = (0..=255).collect();
        for n in 0..all.len() {
            assert_eq!(from_base64url(&base64url(&all[n..])).as_deref(), Some(&all[n..]), "{n}");
        }
        // Padding, plain base64's `+` and `/`, and a `+` the link read as a space.
        assert_eq!(from_base64url("Zg=="), Some(b"f".to_vec()));
        assert_eq!(from_base64url("+/+/"), Some(vec![0xfb, 0xff, 0xbf]));
        assert_eq!(from_base64url(" /+/"), Some(vec![0xfb, 0xff, 0xbf]));
        for bad in ["A", "Zm9vA", "Zg=x", "a.b", "é"] {
            assert_eq!(from_base64url(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_program_round_trips_and_a_bad_one_says_what_is_wrong() {
        let mut link = Link::new(Scenario::new(ScenarioId::Gather), 1);
        link.scenario.code = Some("print('héllo')\n".to_string());
        let hash = link.to_hash();
        assert!(hash.starts_with("#/gather?a=1&b=2&speed=1&ideal=1&code=") && hash.ends_with("&v=2"), "{hash}");
        assert_eq!(decode(&hash), link);
        let problem = |code: &str| {
            let link = decode(&format!("#/gather?code={code}"));
            assert_eq!((link.scenario.code, link.notices.len()), (None, 1), "{code}");
            link.notices[0].clone()
        };
        assert!(problem("a.b").contains("not base64url"));
        assert!(problem("_____w").contains("damaged"));
        assert!(problem(&encode_code("print(1)\n")[..4]).contains("cut off"));
        assert!(problem(&base64url(&crate::deflate::deflate(b"\xff"))).contains("not UTF-8"));
        let over = base64url(&crate::deflate::deflate(&[b' '; MAX_CODE_BYTES + 1]));
        assert!(problem(&over).contains("longer than 64 KiB"), "{}", problem(&over));
        assert!(problem(&"A".repeat(MAX_CODE_CHARS + 1)).contains("too long"));
        // The longest program, incompressible (stored): its link is within `MAX_CODE_CHARS`.
        let mut seed = 1u32;
        let noise: String = (0..MAX_CODE_BYTES)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b' ' + (seed >> 16) as u8 % 95)
            })
            .collect();
        link.scenario.code = Some(noise);
        let hash = link.to_hash();
        assert!(hash.len() - 50 < MAX_CODE_CHARS, "{}", hash.len());
        assert_eq!(decode(&hash), link);
    }

    #[test]
    fn new_sections_are_new_history_entries_and_edits_are_not() {
        let hello = "#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&v=1";
        assert_eq!(history_step(hello, hello), HistoryStep::Keep);
        assert_eq!(history_step("", hello), HistoryStep::Replace);
        assert_eq!(history_step("#", hello), HistoryStep::Replace);
        assert_eq!(history_step("#/say-hello?alice=1", hello), HistoryStep::Replace);
        assert_eq!(history_step(&format!("{hello}&run=1"), hello), HistoryStep::Replace, "run=1 is dropped in place");
        assert_eq!(history_step(hello, "#/gather?a=1&b=2&speed=1&v=1"), HistoryStep::Push);
        // A link to an unknown section is corrected in place.
        assert_eq!(history_step("#/nonsense", hello), HistoryStep::Replace);
    }
}
