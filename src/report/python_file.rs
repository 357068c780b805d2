//! The section as a runnable `.py` file: the very code the page shows (with the values edited on
//! the page), made into a script that `python3 file.py` runs. The page writes `await main()` at
//! the top level, as a notebook or `python -m asyncio` allows; a script may not, so each such
//! top-level `await X` becomes `asyncio.run(X)`, which runs the same coroutine on a fresh event
//! loop and, like the playground's root task, cancels what is left when it returns. Nothing else
//! changes, so the file prints what the playground printed (tests/export_python.rs checks it).

use crate::scenarios::{sample_api, Scenario, ScenarioId};

/// `async-playground-44.2-say-hello`: the stem of every exported file of this section.
pub fn file_stem(scenario: &Scenario) -> String {
    let section = scenario.id.section().to_ascii_lowercase();
    let id = scenario.id.id();
    // `gallery-lock`, not `gallery-gallery-lock`.
    if id.starts_with(&section) {
        return format!("async-playground-{id}");
    }
    format!("async-playground-{section}-{id}")
}

/// The script: a header saying what it is and how to reproduce it on the page (`link`), then the
/// code.
pub fn python_file(scenario: &Scenario, link: &str) -> String {
    let id = scenario.id;
    let mode = if scenario.mode.is_empty() { String::new() } else { format!(" ({})", scenario.mode) };
    let mut out = String::new();
    out.push_str(&format!("# async playground — {} {}{mode}\n", id.section(), id.title()));
    out.push_str("# From the chapter \"Async Programming (Intro)\", with the values set on the page.\n");
    out.push_str(&format!("# The same run on the page: {}\n", comment_safe(link)));
    out.push_str(&format!("# Run it with Python 3.9 or later: python3 {}.py\n", file_stem(scenario)));
    if id == ScenarioId::FetchUrls {
        out.push_str("# Needs aiohttp: pip install aiohttp\n");
        if scenario.urls.iter().any(|url| sample_api::is_sample(url)) {
            out.push_str("# The sample-api/… URLs are answered inside the browser by the page's own service\n");
            out.push_str("# worker: Python cannot reach them. Replace them with real http(s) URLs first.\n");
        }
    }
    out.push_str("# The page awaits at the top level, as a notebook does; a script cannot, so here each\n");
    out.push_str("# top-level `await X` is written `asyncio.run(X)`: the same coroutine on a new event loop.\n\n");
    out.push_str(&script(&scenario.python_text()));
    out
}

/// The shown code with every top-level `await X` (a statement, or the value of an assignment)
/// written `asyncio.run(X)`.
pub fn script(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 64);
    for line in code.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        out.push_str(&top_level_await(body).unwrap_or_else(|| body.to_string()));
        out.push_str(newline);
    }
    out
}

/// `await main()` → `asyncio.run(main())`, `result = await coro  # …` → `result =
/// asyncio.run(coro)  # …`; None for any other line (indented lines are inside a function, where
/// `await` is allowed).
fn top_level_await(line: &str) -> Option<String> {
    if line.starts_with([' ', '\t', '#']) {
        return None;
    }
    let (code, comment) = split_comment(line);
    let (target, awaited) = match code.find("await ") {
        Some(0) => ("", &code["await ".len()..]),
        Some(at) if code[..at].trim_end().ends_with('=') => (&code[..at], &code[at + "await ".len()..]),
        _ => return None,
    };
    let awaited = awaited.trim_end();
    let trailing = &code[code.trim_end().len()..];
    Some(format!("{target}asyncio.run({awaited}){trailing}{comment}"))
}

/// A line's code and its `# comment` (which keeps its leading spaces), outside string literals.
fn split_comment(line: &str) -> (&str, &str) {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (at, ch) in line.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if ch == '\\' => escaped = true,
            Some(q) if ch == q => quote = None,
            Some(_) => {}
            None if ch == '"' || ch == '\'' => quote = Some(ch),
            None if ch == '#' => {
                let code = line[..at].trim_end();
                return (code, &line[code.len()..]);
            }
            None => {}
        }
    }
    (line, "")
}

/// A link in a `#` comment stays on its line: control characters (a newline would end the
/// comment and start code) are percent-encoded.
fn comment_safe(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { format!("%{:02X}", c as u32 & 0xff) } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_awaits_become_asyncio_run() {
        assert_eq!(script("await main()\n"), "asyncio.run(main())\n");
        assert_eq!(script("await main(3, 0.5)"), "asyncio.run(main(3, 0.5))");
        assert_eq!(script("result = await coro  # go\n"), "result = asyncio.run(coro)  # go\n");
        assert_eq!(script("    await asyncio.sleep(1)\n"), "    await asyncio.sleep(1)\n");
        assert_eq!(script("# await main()\n"), "# await main()\n");
        assert_eq!(script("print(\"await #\")\n"), "print(\"await #\")\n");
    }

    #[test]
    fn a_link_cannot_break_out_of_its_comment() {
        assert_eq!(comment_safe("https://x/#/a\nimport os"), "https://x/#/a%0Aimport os");
    }
}
