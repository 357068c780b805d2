//! The Python code shown for each section: the chapter's own code, with every delay replaced by the
//! value that will run. Templates mark an editable value as `⟨name⟩` (a character Python code never
//! uses, so f-strings' `{name}` stay untouched).

use crate::engine::value::py_number;

use super::{sample_api, Scenario, ScenarioId};

/// A piece of the shown code: plain text, or an editable value with its current text.
#[derive(Clone, Debug, PartialEq)]
pub enum CodePiece {
    Text(String),
    Param {
        name: &'static str,
        value: String,
    },
    /// A wait inside a sample-API URL of 44.3's list (`delay=0.3`): URL `index`'s wait `name`.
    UrlWait {
        index: usize,
        name: &'static str,
        value: String,
    },
}

impl CodePiece {
    pub fn text(&self) -> &str {
        match self {
            CodePiece::Text(text) => text,
            CodePiece::Param { value, .. } | CodePiece::UrlWait { value, .. } => value,
        }
    }
}

pub(super) fn source(scenario: &Scenario) -> Vec<CodePiece> {
    let template = template(scenario);
    let mut pieces = Vec::new();
    let mut rest = template.as_str();
    while let Some(open) = rest.find('⟨') {
        let Some(close) = rest[open..].find('⟩').map(|i| open + i) else { break };
        let name = &rest[open + '⟨'.len_utf8()..close];
        pieces.push(CodePiece::Text(rest[..open].to_string()));
        match scenario.id.params().iter().find(|p| p.name == name) {
            Some(spec) => pieces.push(CodePiece::Param { name: spec.name, value: py_number(scenario.get(name)) }),
            // The URL list goes in as pieces, never through this parser: a URL is the person's
            // text and may contain anything, ⟨ included.
            None if name == "urls" => pieces.extend(urls_list(scenario)),
            None => pieces.push(CodePiece::Text(name.to_string())),
        }
        rest = &rest[close + '⟩'.len_utf8()..];
    }
    pieces.push(CodePiece::Text(rest.to_string()));
    pieces.retain(|p| !matches!(p, CodePiece::Text(t) if t.is_empty()));
    pieces
}

/// `    urls = [...]` with the scenario's URLs, after a comment saying what the sample API is when
/// the list has one of its URLs. A sample URL's waits (`delay=0.3`) are editable pieces.
fn urls_list(scenario: &Scenario) -> Vec<CodePiece> {
    let mut text = String::new();
    let mut pieces = Vec::new();
    if scenario.urls.iter().any(|url| sample_api::is_sample(url)) {
        text.push_str("    # sample-api/…: the playground's own API, answered in your browser:\n");
        text.push_str("    # delay = seconds until the headers, body = seconds for the body\n");
    }
    text.push_str("    urls = [\n");
    for (index, url) in scenario.urls.iter().enumerate() {
        // A double-quoted literal, as the chapter writes its URLs (`'` inside needs no escape).
        let quoted = url.replace('\\', "\\\\").replace('"', "\\\"");
        text.push_str("        \"");
        let waits = if sample_api::is_sample(url) { waits_in(&quoted) } else { Vec::new() };
        // Each wait with a valid value becomes an input; the rest of the URL stays text.
        let mut done = 0;
        for (name, at, len) in waits {
            text.push_str(&quoted[done..at]);
            pieces.push(CodePiece::Text(std::mem::take(&mut text)));
            pieces.push(CodePiece::UrlWait { index, name, value: quoted[at..at + len].to_string() });
            done = at + len;
        }
        text.push_str(&quoted[done..]);
        text.push_str("\",\n");
    }
    text.push_str("    ]");
    pieces.push(CodePiece::Text(text));
    pieces
}

/// The waits (`delay=…`, `body=…` in the query) of `url` whose values are valid, in order: each
/// one's name, where its value starts and how long it is. Only a wait's first occurrence counts
/// (it is the one the sample API reads).
fn waits_in(url: &str) -> Vec<(&'static str, usize, usize)> {
    let Some(query) = url.find('?').map(|i| i + 1) else { return Vec::new() };
    let end = url[query..].find('#').map_or(url.len(), |i| query + i);
    let mut found: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut at = query;
    for pair in url[query..end].split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if let Some(name) = sample_api::WAITS.iter().copied().find(|w| *w == key) {
            let first = !found.iter().any(|(n, ..)| *n == name);
            if first && !value.is_empty() && sample_api::wait(&format!("?{pair}"), name).is_some() {
                found.push((name, at + key.len() + 1, value.len()));
            }
        }
        at += pair.len() + 1;
    }
    found
}

fn template(scenario: &Scenario) -> String {
    match scenario.id {
        ScenarioId::Coroutine => COROUTINE.to_string(),
        ScenarioId::SayHello if scenario.mode == "sequential" => format!("{SAY_HELLO_DEF}{SAY_HELLO_SEQUENTIAL}"),
        ScenarioId::SayHello => format!("{SAY_HELLO_DEF}{SAY_HELLO_CONCURRENT}"),
        ScenarioId::FetchUrls => {
            let body = if scenario.mode == "concurrent" { FETCH_CONCURRENT } else { FETCH_SEQUENTIAL };
            format!("{FETCH_DEF}{}", body.replace("    urls = URLS", "⟨urls⟩"))
        }
        ScenarioId::Gather => GATHER.to_string(),
        ScenarioId::Background => BACKGROUND.to_string(),
        ScenarioId::ContextManager => CONTEXT.to_string(),
        ScenarioId::Stress => STRESS.to_string(),
        ScenarioId::Code => YOUR_CODE.to_string(),
        ScenarioId::Gallery(_) => scenario.id.gallery().map_or("", |g| g.code).to_string(),
        ScenarioId::CpuVsIo => {
            let crunch = if scenario.mode == "worker" { CRUNCH_WORKER } else { CRUNCH_BLOCKING };
            format!("{CPU_DEF}{crunch}{CPU_MAIN}")
        }
    }
}

const COROUTINE: &str = r#"import asyncio

async def fetch_data():
    """Simulate fetching data from API"""
    print("Starting to fetch...")
    await asyncio.sleep(⟨delay⟩)  # Simulates I/O operation
    print("Data fetched!")
    return {"data": "example"}

coro = fetch_data()  # runs nothing yet: just a coroutine object
print(coro)
result = await coro
print(result)
"#;

const SAY_HELLO_DEF: &str = r#"import asyncio

async def say_hello(name, delay):
    """Greet after delay"""
    await asyncio.sleep(delay)
    print(f"Hello, {name}!")

"#;

const SAY_HELLO_CONCURRENT: &str = r#"# Concurrent
async def main():
    """Run multiple greetings concurrently"""
    # Create tasks
    task1 = asyncio.create_task(say_hello("Alice", ⟨alice⟩))
    task2 = asyncio.create_task(say_hello("Bob", ⟨bob⟩))
    task3 = asyncio.create_task(say_hello("Charlie", ⟨charlie⟩))

    # Wait for all tasks concurrently
    await asyncio.gather(task1, task2, task3)

# Run the async program
await main()
"#;

const SAY_HELLO_SEQUENTIAL: &str = r#"# Sequential
async def main():
    """Run the greetings one after another"""
    await say_hello("Alice", ⟨alice⟩)
    await say_hello("Bob", ⟨bob⟩)
    await say_hello("Charlie", ⟨charlie⟩)

# Run the async program
await main()
"#;

const FETCH_DEF: &str = r#"import asyncio
import aiohttp
import time

# A failed request raises: with raise_for_status=True a 404 or a 500
# raises ClientResponseError, and a request not done within TIMEOUT
# raises TimeoutError (aiohttp's own default is 300 s)
TIMEOUT = aiohttp.ClientTimeout(total=⟨timeout⟩)

async def fetch_url(session, url):
    """Fetch a single URL"""
    async with session.get(url, raise_for_status=True,
                           timeout=TIMEOUT) as response:
        return await response.text()

"#;

const FETCH_SEQUENTIAL: &str = r#"# Sequential
async def fetch_all_sync_style():
    """Fetch URLs one by one (slow)"""
    urls = URLS

    async with aiohttp.ClientSession() as session:
        for url in urls:
            data = await fetch_url(session, url)
            print(f"Fetched {len(data)} bytes from {url}")

async def main():
    print("Synchronous style:")
    start = time.time()
    await fetch_all_sync_style()
    print(f"Time: {time.time() - start:.2f}s\n")

await main()
"#;

const FETCH_CONCURRENT: &str = r#"# Concurrent
async def fetch_all_async_style():
    """Fetch URLs concurrently (fast)"""
    urls = URLS

    async with aiohttp.ClientSession() as session:
        tasks = [fetch_url(session, url) for url in urls]
        results = await asyncio.gather(*tasks)

        for url, data in zip(urls, results):
            print(f"Fetched {len(data)} bytes from {url}")

async def main():
    print("Asynchronous style:")
    start = time.time()
    await fetch_all_async_style()
    print(f"Time: {time.time() - start:.2f}s")

await main()
"#;

const GATHER: &str = r#"import asyncio
import time

async def task_a():
    """First task"""
    await asyncio.sleep(⟨a⟩)
    return "Result A"

async def task_b():
    """Second task"""
    await asyncio.sleep(⟨b⟩)
    return "Result B"

async def main():
    """Run tasks concurrently"""
    results = await asyncio.gather(task_a(), task_b())
    print(results)  # ['Result A', 'Result B']

start: float = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
"#;

const BACKGROUND: &str = r#"import asyncio
import time

async def background_task():
    """Long running task"""
    while True:
        print("Background work...")
        await asyncio.sleep(⟨period⟩)

async def main():
    """Main with background task"""
    # Start background task
    task = asyncio.create_task(background_task())

    # Do other work
    await asyncio.sleep(⟨main⟩)

    # Cancel background task
    task.cancel()

start: float = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
"#;

const CONTEXT: &str = r#"import asyncio
import time

class AsyncResource:
    """Example async context manager"""
    async def __aenter__(self):
        print("Acquiring resource...")
        await asyncio.sleep(⟨acquire⟩)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        print("Releasing resource...")
        await asyncio.sleep(⟨release⟩)

async def main():
    """Use async context manager"""
    async with AsyncResource() as resource:
        print("Using resource")

start: float = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
"#;

const CPU_DEF: &str = r#"import asyncio
import time

def cpu_work(seconds):
    """CPU-bound: keeps the processor busy and never awaits"""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass

async def io_task(name, delay):
    """I/O-bound: waits without using the processor"""
    await asyncio.sleep(delay)
    print(f"{name} woke up at {time.time() - start:.2f}s (asked for {delay}s)")

"#;

const CRUNCH_BLOCKING: &str = r#"async def crunch(seconds):
    cpu_work(seconds)  # blocks the one thread: no other task can run
    print(f"CPU work done at {time.time() - start:.2f}s")

"#;

const CRUNCH_WORKER: &str = r#"async def crunch(seconds):
    # Runs in another thread, so the event loop stays free (in the browser: a Web Worker,
    # truly in parallel; in CPython the GIL still lets the loop in every few milliseconds)
    await asyncio.to_thread(cpu_work, seconds)
    print(f"CPU work done at {time.time() - start:.2f}s")

"#;

const CPU_MAIN: &str = r#"async def main():
    io1 = asyncio.create_task(io_task("io1", ⟨io1⟩))
    io2 = asyncio.create_task(io_task("io2", ⟨io2⟩))
    cpu = asyncio.create_task(crunch(⟨work⟩))
    await asyncio.gather(io1, io2, cpu)

start: float = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
"#;

/// "Your code" starts from this: short, and already concurrent, so the timeline says something.
/// It lives in the differential corpus, which checks it against CPython.
const YOUR_CODE: &str = include_str!("../../tests/corpus/section_your_code.py");

const STRESS: &str = r#"import asyncio
import time

async def worker(i, delay):
    await asyncio.sleep(delay)
    return i

async def main(n, spread):
    tasks = [asyncio.create_task(worker(i, spread * i / max(n - 1, 1))) for i in range(n)]
    results = await asyncio.gather(*tasks)
    print(f"{len(results)} tasks finished; results in order: {results[:3]} ... {results[-1]}")

start: float = time.time()
await main(⟨n⟩, ⟨spread⟩)
print(f"Time: {time.time() - start:.2f}s")
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_urls_waits_are_editable_pieces_and_the_rest_is_text() {
        let mut scenario = Scenario::new(ScenarioId::FetchUrls);
        scenario.urls = vec!["sample-api/users/a?delay=0.3&x=1&body=2".into(), "https://h/x?delay=1".into()];
        let pieces = source(&scenario);
        let waits: Vec<(usize, &str, &str)> = pieces
            .iter()
            .filter_map(|p| match p {
                CodePiece::UrlWait { index, name, value } => Some((*index, *name, value.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(waits, [(0, "delay", "0.3"), (0, "body", "2")], "another site's URL has no waits");
        let text = scenario.python_text();
        assert!(
            text.contains("        \"sample-api/users/a?delay=0.3&x=1&body=2\",\n        \"https://h/x?delay=1\",\n")
        );
        // A URL's own text is never read as a marker.
        scenario.urls = vec!["https://h/⟨timeout⟩".into()];
        assert!(scenario.python_text().contains("\"https://h/⟨timeout⟩\""));
    }
}
