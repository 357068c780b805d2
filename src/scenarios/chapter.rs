//! The chapter's coroutines, written once as Rust `async fn`s over `Aio`. Each mirrors the Python in
//! `python.rs` line for line: same prints, same awaits, same return values. `?` after an await is
//! where a `CancelledError` (or another exception) propagates, as it would in Python.

use crate::engine::value::{py_number, py_str_repr};
use crate::engine::{secs_from_micros, Aio, ClientSession, CoroResult, Exception, GetOptions, PyValue, Task};

use super::{Scenario, ScenarioId};

/// Start the scenario's top-level code as the run's root task.
pub(super) fn start(scenario: &Scenario, aio: &Aio) -> Task {
    let s = scenario.clone();
    let a = aio.clone();
    match scenario.id {
        ScenarioId::Coroutine => aio.run_main("main", "fetch_data()", coroutine_top(a, s.get("delay"))),
        ScenarioId::SayHello => aio.run_main("main", "main()", say_hello_main(a, s)),
        ScenarioId::FetchUrls => aio.run_main("main", "main()", fetch_main(a, s)),
        ScenarioId::Gather => aio.run_main("main", "main()", gather_top(a, s.get("a"), s.get("b"))),
        ScenarioId::Background => aio.run_main("main", "main()", background_top(a, s.get("period"), s.get("main"))),
        ScenarioId::ContextManager => {
            aio.run_main("main", "main()", context_top(a, s.get("acquire"), s.get("release")))
        }
        ScenarioId::CpuVsIo => aio.run_main("main", "main()", cpu_vs_io_top(a, s)),
        ScenarioId::Stress => aio.run_main("main", "main()", stress_top(a, s.get("n"), s.get("spread"))),
    }
}

/// Python's `f"{x:.2f}"`.
fn two_decimals(seconds: f64) -> String {
    format!("{seconds:.2}")
}

fn elapsed_since(aio: &Aio, start: u64) -> f64 {
    secs_from_micros(aio.now().saturating_sub(start))
}

// ---- 44.1.1 Coroutines --------------------------------------------------------------------------

async fn fetch_data(aio: Aio, delay: f64) -> CoroResult {
    aio.print("Starting to fetch...");
    aio.sleep(delay).await?;
    aio.print("Data fetched!");
    Ok(PyValue::Dict(vec![(PyValue::str("data"), PyValue::str("example"))]))
}

async fn coroutine_top(aio: Aio, delay: f64) -> CoroResult {
    // Calling the coroutine function runs nothing: a Rust future, like a Python coroutine, is inert
    // until awaited. The chapter prints the coroutine object here.
    let coro = fetch_data(aio.clone(), delay);
    aio.print("<coroutine object fetch_data at 0x107d12f80>");
    let result = coro.await?;
    aio.print(result.to_string());
    Ok(PyValue::None)
}

// ---- 44.2 Basic example -------------------------------------------------------------------------

async fn say_hello(aio: Aio, name: &'static str, delay: f64) -> CoroResult {
    aio.sleep(delay).await?;
    aio.print(format!("Hello, {name}!"));
    Ok(PyValue::None)
}

fn hello_call(name: &str, delay: f64) -> String {
    format!("say_hello('{name}', {})", py_number(delay))
}

async fn say_hello_main(aio: Aio, s: Scenario) -> CoroResult {
    let people = [("Alice", s.get("alice")), ("Bob", s.get("bob")), ("Charlie", s.get("charlie"))];
    if s.mode == "sequential" {
        for (name, delay) in people {
            say_hello(aio.clone(), name, delay).await?;
        }
    } else {
        let tasks: Vec<Task> = people
            .iter()
            .enumerate()
            .map(|(i, &(name, delay))| {
                aio.create_task(
                    &format!("task{}", i + 1),
                    &hello_call(name, delay),
                    say_hello(aio.clone(), name, delay),
                )
            })
            .collect();
        aio.gather(&tasks).await?;
    }
    Ok(PyValue::None)
}

// ---- 44.3 Fetching multiple URLs ----------------------------------------------------------------

async fn fetch_url(session: ClientSession, url: String, timeout: f64) -> CoroResult {
    // async with session.get(url, raise_for_status=True, timeout=TIMEOUT) as response:
    let options = GetOptions { raise_for_status: true, timeout: Some(timeout) };
    let response = session.get(&url, options).await?;
    //     return await response.text()
    Ok(PyValue::Str(response.text().await?))
}

/// The lane (or sub-row) label of a URL's request: `fetch_url(python)`.
fn fetch_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url).trim_end_matches('/');
    let last = path.rsplit('/').next().filter(|s| !s.is_empty() && !s.ends_with(':')).unwrap_or(path);
    format!("fetch_url({last})")
}

fn fetch_call(url: &str) -> String {
    format!("fetch_url(session, {})", py_str_repr(url))
}

fn fetched_line(url: &str, data: &PyValue) -> String {
    // len(data) of a str counts characters, not bytes.
    let length = match data {
        PyValue::Str(text) => text.chars().count(),
        _ => 0,
    };
    format!("Fetched {length} bytes from {url}")
}

/// `async with aiohttp.ClientSession() as session:` around `body`: leaving the block closes the
/// session, whether the body returned or raised (requests still going then fail).
async fn with_session<F, Fut>(aio: &Aio, body: F) -> CoroResult
where
    F: FnOnce(ClientSession) -> Fut,
    Fut: std::future::Future<Output = CoroResult>,
{
    let session = aio.client_session();
    let result = body(session.clone()).await;
    session.close().await;
    result
}

async fn fetch_all_sync_style(aio: Aio, s: Scenario) -> CoroResult {
    let (timeout, urls, aio) = (s.get("timeout"), &s.urls, &aio);
    with_session(aio, |session| async move {
        for url in urls {
            // Awaited directly, no task: the log marks the call so the timeline gives it a sub-row.
            let call = fetch_url(session.clone(), url.clone(), timeout);
            let data = aio.call(&fetch_name(url), &fetch_call(url), call).await?;
            aio.print(fetched_line(url, &data));
        }
        Ok(PyValue::None)
    })
    .await
}

async fn fetch_all_async_style(aio: Aio, s: Scenario) -> CoroResult {
    let (timeout, urls, aio) = (s.get("timeout"), &s.urls, &aio);
    with_session(aio, |session| async move {
        // gather() wraps each coroutine in a task, in argument order.
        let tasks: Vec<Task> = urls
            .iter()
            .map(|url| {
                aio.create_task(&fetch_name(url), &fetch_call(url), fetch_url(session.clone(), url.clone(), timeout))
            })
            .collect();
        let results = aio.gather(&tasks).await?;
        if let PyValue::List(values) = results {
            for (url, data) in urls.iter().zip(&values) {
                aio.print(fetched_line(url, data));
            }
        }
        Ok(PyValue::None)
    })
    .await
}

async fn fetch_main(aio: Aio, s: Scenario) -> CoroResult {
    if s.mode == "concurrent" {
        aio.print("Asynchronous style:");
        let start = aio.now();
        fetch_all_async_style(aio.clone(), s).await?;
        aio.print(format!("Time: {}s", two_decimals(elapsed_since(&aio, start))));
    } else {
        aio.print("Synchronous style:");
        let start = aio.now();
        fetch_all_sync_style(aio.clone(), s).await?;
        aio.print(format!("Time: {}s\n", two_decimals(elapsed_since(&aio, start))));
    }
    Ok(PyValue::None)
}

// ---- 44.4.1 gather ------------------------------------------------------------------------------

async fn task_a(aio: Aio, a: f64) -> CoroResult {
    aio.sleep(a).await?;
    Ok(PyValue::str("Result A"))
}

async fn task_b(aio: Aio, b: f64) -> CoroResult {
    aio.sleep(b).await?;
    Ok(PyValue::str("Result B"))
}

async fn gather_main(aio: Aio, a: f64, b: f64) -> CoroResult {
    // gather() wraps each coroutine in a task, in argument order.
    let tasks = [
        aio.create_task("task_a()", "task_a()", task_a(aio.clone(), a)),
        aio.create_task("task_b()", "task_b()", task_b(aio.clone(), b)),
    ];
    let results = aio.gather(&tasks).await?;
    aio.print(results.to_string());
    Ok(PyValue::None)
}

async fn gather_top(aio: Aio, a: f64, b: f64) -> CoroResult {
    let start = aio.now();
    gather_main(aio.clone(), a, b).await?;
    aio.print(format!("Time: {}s", two_decimals(elapsed_since(&aio, start))));
    Ok(PyValue::None)
}

// ---- 44.4.2 create_task -------------------------------------------------------------------------

async fn background_task(aio: Aio, period: f64) -> CoroResult {
    loop {
        aio.print("Background work...");
        aio.sleep(period).await?;
    }
}

async fn background_main(aio: Aio, period: f64, main_sleep: f64) -> CoroResult {
    let task = aio.create_task("task", "background_task()", background_task(aio.clone(), period));
    aio.sleep(main_sleep).await?;
    task.cancel();
    Ok(PyValue::None)
}

async fn background_top(aio: Aio, period: f64, main_sleep: f64) -> CoroResult {
    let start = aio.now();
    background_main(aio.clone(), period, main_sleep).await?;
    aio.print(format!("Time: {}s", two_decimals(elapsed_since(&aio, start))));
    Ok(PyValue::None)
}

// ---- 44.4.3 Async context managers --------------------------------------------------------------

async fn aenter(aio: &Aio, acquire: f64) -> Result<(), Exception> {
    aio.print("Acquiring resource...");
    aio.sleep(acquire).await
}

async fn aexit(aio: &Aio, release: f64) -> Result<(), Exception> {
    aio.print("Releasing resource...");
    aio.sleep(release).await
}

async fn context_main(aio: Aio, acquire: f64, release: f64) -> CoroResult {
    aenter(&aio, acquire).await?;
    // The body; whatever happens in it, __aexit__ runs (also when the task is cancelled in the body).
    let body: Result<(), Exception> = {
        aio.print("Using resource");
        Ok(())
    };
    aexit(&aio, release).await?;
    body.map(|_| PyValue::None)
}

async fn context_top(aio: Aio, acquire: f64, release: f64) -> CoroResult {
    let start = aio.now();
    context_main(aio.clone(), acquire, release).await?;
    aio.print(format!("Time: {}s", two_decimals(elapsed_since(&aio, start))));
    Ok(PyValue::None)
}

// ---- 44.5 Concurrency vs parallelism ------------------------------------------------------------

async fn io_task(aio: Aio, start: u64, name: &'static str, delay: f64) -> CoroResult {
    aio.sleep(delay).await?;
    aio.print(format!(
        "{name} woke up at {}s (asked for {}s)",
        two_decimals(elapsed_since(&aio, start)),
        py_number(delay)
    ));
    Ok(PyValue::None)
}

async fn crunch(aio: Aio, start: u64, work: f64, in_worker: bool) -> CoroResult {
    if in_worker {
        aio.run_in_worker(&format!("to_thread(cpu_work, {})", py_number(work)), work).await?;
    } else {
        aio.cpu_work(&format!("cpu_work({})", py_number(work)), work);
    }
    aio.print(format!("CPU work done at {}s", two_decimals(elapsed_since(&aio, start))));
    Ok(PyValue::None)
}

async fn cpu_vs_io_top(aio: Aio, s: Scenario) -> CoroResult {
    let start = aio.now();
    let (io1, io2, work) = (s.get("io1"), s.get("io2"), s.get("work"));
    let tasks = [
        aio.create_task("io1", &format!("io_task('io1', {})", py_number(io1)), io_task(aio.clone(), start, "io1", io1)),
        aio.create_task("io2", &format!("io_task('io2', {})", py_number(io2)), io_task(aio.clone(), start, "io2", io2)),
        aio.create_task(
            "cpu",
            &format!("crunch({})", py_number(work)),
            crunch(aio.clone(), start, work, s.mode == "worker"),
        ),
    ];
    aio.gather(&tasks).await?;
    aio.print(format!("Time: {}s", two_decimals(elapsed_since(&aio, start))));
    Ok(PyValue::None)
}

// ---- Beyond the chapter: thousands of tasks -----------------------------------------------------

async fn worker(aio: Aio, i: i64, delay: f64) -> CoroResult {
    aio.sleep(delay).await?;
    Ok(PyValue::Int(i))
}

async fn stress_top(aio: Aio, n: f64, spread: f64) -> CoroResult {
    let start = aio.now();
    let n = n.max(1.0) as i64;
    let tasks: Vec<Task> = (0..n)
        .map(|i| {
            // Same float expression as the Python, so both round to the same deadlines.
            let delay = spread * i as f64 / ((n - 1).max(1)) as f64;
            aio.create_task(
                &format!("worker({i})"),
                &format!("worker({i}, {})", py_number(delay)),
                worker(aio.clone(), i, delay),
            )
        })
        .collect();
    let results = aio.gather(&tasks).await?;
    if let PyValue::List(values) = &results {
        let head = PyValue::List(values.iter().take(3).cloned().collect());
        let last = values.last().cloned().unwrap_or(PyValue::None);
        aio.print(format!("{} tasks finished; results in order: {head} ... {last}", values.len()));
    }
    aio.print(format!("Time: {}s", two_decimals(elapsed_since(&aio, start))));
    Ok(PyValue::None)
}
