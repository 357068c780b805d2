//! The site's built-in sample API: what `sample-api/…` URLs answer, and after how long.
//!
//! In the browser a service worker (`static/sample-api-sw.js`) answers these requests: a real round
//! trip through the Fetch API that the page waits for, offline too. This module is the same API for
//! the virtual clock, so the ideal run predicts exactly what the browser will get (same status, same
//! body, same `len(data)`); the two must be kept in step, and the e2e suite compares them line by
//! line. The waits are in the URL (`?delay=0.3&body=0.1`), so the code on the page says them:
//!
//! - `delay`: seconds until the response's status line and headers (what `session.get()` awaits);
//! - `body`: seconds the body then takes to arrive (what `response.text()` awaits).
//!
//! Endpoints, relative to `sample-api/`:
//! - `users/<login>`: 200, a JSON profile; for `python`, `github` and `torvalds` exactly as long as
//!   the chapter's responses (1263, 1241 and 1223 characters), so its output is the chapter's;
//! - `status/<code>`: that status (200–599), e.g. `status/404`, `status/500`;
//! - `html`: an HTML page with a script in it, which the page shows as text, never as HTML;
//! - `` (the API's root): the list of endpoints; anything else: 404.

use crate::engine::reason_phrase;
use crate::engine::value::py_number;

/// Where the sample API lives, relative to the page.
pub const PREFIX: &str = "sample-api/";

/// The longest wait a sample URL may ask for, in seconds (either of the two).
pub const MAX_WAIT: f64 = 60.0;

/// The chapter's three requests, made to the sample API: the default list when the page is offline.
/// Different delays, so the concurrent run shows its total is the longest one, not the sum.
pub const SAMPLE_URLS: [&str; 3] = [
    "sample-api/users/python?delay=0.3&body=0.1",
    "sample-api/users/github?delay=0.5&body=0.1",
    "sample-api/users/torvalds?delay=0.2&body=0.1",
];

/// The names of the two waits a sample URL can set, in the order the page shows them.
pub const WAITS: [&str; 2] = ["delay", "body"];

/// True for a URL the sample API answers (`sample-api/…`, relative to the page).
pub fn is_sample(url: &str) -> bool {
    url.trim_start_matches("./").starts_with(PREFIX) || url.trim_start_matches("./") == "sample-api"
}

/// A wait of a sample URL (`delay` or `body`), in seconds: 0 when absent; `None` when it is not a
/// number from 0 to `MAX_WAIT` written plainly (`0.25`; the service worker accepts exactly these).
pub fn wait(url: &str, name: &str) -> Option<f64> {
    match query_value(url, name) {
        None => Some(0.0),
        Some(text) => parse_seconds(text),
    }
}

/// `url` with its wait `name` set to `seconds` (added if absent; other parameters kept in place).
pub fn with_wait(url: &str, name: &str, seconds: f64) -> String {
    let value = py_number(seconds);
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut found = false;
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let key = pair.split_once('=').map_or(pair, |(k, _)| k);
            if key == name && !found {
                found = true;
                format!("{name}={value}")
            } else {
                pair.to_string()
            }
        })
        .collect();
    if !found {
        pairs.push(format!("{name}={value}"));
    }
    format!("{base}?{}", pairs.join("&"))
}

fn query_value<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1.split('#').next().unwrap_or("");
    query.split('&').find_map(|pair| match pair.split_once('=') {
        Some((key, value)) if key == name => Some(value),
        None if pair == name => Some(""),
        _ => None,
    })
}

/// Digits with at most one dot inside (`0`, `1.5`, `.5` is refused): the same rule as the worker's.
fn parse_seconds(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(whole) && digits(fraction)) {
        return None;
    }
    crate::decimal::parse_f64(text).filter(|s| (0.0..=MAX_WAIT).contains(s))
}

/// What the sample API answers for `url`.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleResponse {
    pub status: u16,
    pub reason: String,
    pub content_type: &'static str,
    pub body: String,
    /// Seconds until the head, and then for the body (from the URL).
    pub delay: f64,
    pub body_takes: f64,
}

/// The sample API's answer to `url` (a `sample-api/…` URL).
pub fn respond(url: &str) -> SampleResponse {
    let trimmed = url.trim_start_matches("./");
    let rest = trimmed.strip_prefix("sample-api").unwrap_or(trimmed);
    let path = rest.split(['?', '#']).next().unwrap_or("").trim_start_matches('/');
    let (delay, body_takes) = match (wait(url, "delay"), wait(url, "body")) {
        (Some(delay), Some(body)) => (delay, body),
        _ => {
            let message = format!("delay and body must be seconds from 0 to {}, like delay=0.3", py_number(MAX_WAIT));
            return json(400, &format!("{{\n  \"message\": \"{message}\"\n}}"), 0.0, 0.0);
        }
    };
    let (status, body) = route(path);
    let mut response = json(status, &body, delay, body_takes);
    if path == "html" {
        response.content_type = "text/html; charset=utf-8";
    }
    response
}

fn json(status: u16, body: &str, delay: f64, body_takes: f64) -> SampleResponse {
    // A status that cannot have a body (204, 205, 304) has none.
    let body = if matches!(status, 204 | 205 | 304) { String::new() } else { body.to_string() };
    SampleResponse {
        status,
        reason: reason_phrase(status).to_string(),
        content_type: "application/json; charset=utf-8",
        body,
        delay,
        body_takes,
    }
}

const NOT_FOUND: &str = "{\n  \"message\": \"Not Found\",\n  \"documentation_url\": \"sample-api/\"\n}";

fn route(path: &str) -> (u16, String) {
    if path.is_empty() {
        return (200, INDEX.to_string());
    }
    if path == "html" {
        return (200, HTML.to_string());
    }
    if let Some(login) = path.strip_prefix("users/") {
        let valid =
            !login.is_empty() && login.len() <= 39 && login.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        return if valid { (200, user(login)) } else { (404, NOT_FOUND.to_string()) };
    }
    if let Some(code) = path.strip_prefix("status/") {
        let status = (code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
            .then(|| code.parse::<u16>().ok())
            .flatten()
            .filter(|s| (200..=599).contains(s));
        if let Some(status) = status {
            let reason = reason_phrase(status);
            return (status, format!("{{\n  \"status\": {status},\n  \"message\": \"{reason}\"\n}}"));
        }
    }
    (404, NOT_FOUND.to_string())
}

const INDEX: &str = "{\n  \"users\": \"sample-api/users/{login}\",\n  \"status\": \"sample-api/status/{code}\",\n  \"html\": \"sample-api/html\",\n  \"waits\": \"?delay={seconds until the headers}&body={seconds the body takes}\"\n}";

const HTML: &str = "<!doctype html>\n<html lang=\"en\">\n<head><title>Sample page</title></head>\n<body>\n  <h1>Café ☕</h1>\n  <img src=\"x\" onerror=\"alert('this never runs: the playground shows bodies as text')\">\n  <script>alert('nor does this')</script>\n</body>\n</html>\n";

const FILLER: &str = "Sample text standing in for a real profile, so that this response is as long as the chapter's. ";

/// A made-up profile for `login`: the chapter's three are as long as the chapter's responses.
fn user(login: &str) -> String {
    let (name, kind, size) = match login.to_ascii_lowercase().as_str() {
        "python" => ("Python".to_string(), "Organization", 1263),
        "github" => ("GitHub".to_string(), "Organization", 1241),
        "torvalds" => ("Linus Torvalds".to_string(), "User", 1223),
        _ => (login.to_string(), "User", 900 + login.bytes().map(usize::from).sum::<usize>() * 7 % 300),
    };
    let head = format!(
        "{{\n  \"login\": \"{login}\",\n  \"name\": \"{name}\",\n  \"type\": \"{kind}\",\n  \"url\": \"sample-api/users/{login}\",\n  \"source\": \"the playground's built-in sample API: made up in your browser, not GitHub's data\",\n  \"bio\": \""
    );
    let tail = "\"\n}";
    let need = size.saturating_sub(head.len() + tail.len());
    let filler: String = FILLER.chars().cycle().take(need).collect();
    format!("{head}{filler}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chapters_users_are_as_long_as_the_chapters_responses() {
        for (url, size) in SAMPLE_URLS.iter().zip([1263, 1241, 1223]) {
            let response = respond(url);
            assert_eq!((response.status, response.body.chars().count()), (200, size), "{url}");
        }
        assert_eq!(respond(SAMPLE_URLS[0]).delay, 0.3);
        assert_eq!(respond(SAMPLE_URLS[0]).body_takes, 0.1);
    }

    #[test]
    fn statuses_errors_and_waits() {
        let missing = respond("sample-api/status/404?delay=0.1");
        assert_eq!((missing.status, missing.reason.as_str(), missing.delay), (404, "Not Found", 0.1));
        assert_eq!(respond("sample-api/status/500").reason, "Internal Server Error");
        assert_eq!(respond("sample-api/status/204").body, "");
        assert_eq!(respond("sample-api/status/99").status, 404);
        assert_eq!(respond("sample-api/nothing/here").status, 404);
        assert_eq!(respond("sample-api/users/no_such_login").status, 404);
        assert_eq!(respond("sample-api/users/ada?delay=abc").status, 400);
        assert_eq!(respond("sample-api/users/ada?delay=61").status, 400);
        assert_eq!(respond("sample-api/users/ada?delay=.5").status, 400);
        assert_eq!(respond("sample-api/").status, 200);
        let html = respond("sample-api/html");
        assert!(html.body.contains("<script>") && html.body.chars().count() < html.body.len());
    }

    #[test]
    fn waits_are_read_and_written_in_the_url() {
        assert_eq!(wait("sample-api/users/a?delay=1.5&body=0.2", "delay"), Some(1.5));
        assert_eq!(wait("sample-api/users/a?delay=1.5&body=0.2", "body"), Some(0.2));
        assert_eq!(wait("sample-api/users/a", "body"), Some(0.0));
        assert_eq!(wait("sample-api/users/a?delay=x", "delay"), None);
        assert_eq!(
            with_wait("sample-api/users/a?delay=1.5&body=0.2", "delay", 0.25),
            "sample-api/users/a?delay=0.25&body=0.2"
        );
        assert_eq!(with_wait("sample-api/users/a", "body", 2.0), "sample-api/users/a?body=2");
        assert_eq!(with_wait("sample-api/users/a?x=1", "delay", 0.5), "sample-api/users/a?x=1&delay=0.5");
        assert!(is_sample("sample-api/users/a") && is_sample("./sample-api/") && !is_sample("https://x/sample-api/"));
    }
}
