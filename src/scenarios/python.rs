//! The Python code shown for each section: the chapter's own code, with every delay replaced by the
//! value that will run. Templates mark an editable value as `⟨name⟩` (a character Python code never
//! uses, so f-strings' `{name}` stay untouched).

use crate::engine::value::py_number;

use super::{Scenario, ScenarioId};

/// A piece of the shown code: plain text, or an editable parameter with its current value.
#[derive(Clone, Debug, PartialEq)]
pub enum CodePiece {
    Text(String),
    Param { name: &'static str, value: String },
}

impl CodePiece {
    pub fn text(&self) -> &str {
        match self {
            CodePiece::Text(text) => text,
            CodePiece::Param { value, .. } => value,
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
            None => pieces.push(CodePiece::Text(name.to_string())),
        }
        rest = &rest[close + '⟩'.len_utf8()..];
    }
    pieces.push(CodePiece::Text(rest.to_string()));
    pieces.retain(|p| !matches!(p, CodePiece::Text(t) if t.is_empty()));
    pieces
}

fn urls_list(scenario: &Scenario) -> String {
    let mut out = String::from("[\n");
    for url in &scenario.urls {
        out.push_str(&format!("        {},\n", crate::engine::value::py_str_repr(url).replace('\'', "\"")));
    }
    out.push_str("    ]");
    out
}

fn template(scenario: &Scenario) -> String {
    match scenario.id {
        ScenarioId::Coroutine => COROUTINE.to_string(),
        ScenarioId::SayHello if scenario.mode == "sequential" => format!("{SAY_HELLO_DEF}{SAY_HELLO_SEQUENTIAL}"),
        ScenarioId::SayHello => format!("{SAY_HELLO_DEF}{SAY_HELLO_CONCURRENT}"),
        ScenarioId::FetchUrls => {
            let body = if scenario.mode == "concurrent" { FETCH_CONCURRENT } else { FETCH_SEQUENTIAL };
            format!("{FETCH_DEF}{}", body.replace("URLS", &urls_list(scenario)))
        }
        ScenarioId::Gather => GATHER.to_string(),
        ScenarioId::Background => BACKGROUND.to_string(),
        ScenarioId::ContextManager => CONTEXT.to_string(),
        ScenarioId::Stress => STRESS.to_string(),
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

async def fetch_url(session, url):
    """Fetch a single URL"""
    async with session.get(url) as response:
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
