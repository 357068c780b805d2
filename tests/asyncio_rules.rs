//! asyncio's rules, each checked on the virtual clock: these are the promises the timeline makes to a
//! learner, so each one has a test that fails if the engine stops keeping it.

use std::rc::Rc;

use async_playground::engine::{
    Aio, CoroResult, EventKind, Exception, Micros, PyValue, RunOutcome, SegmentKind, Timeline, VirtualClock,
};
use async_playground::scenarios::{printed_lines, Scenario, ScenarioId};

/// Run `main` as the root task on a fresh virtual clock; returns the loop (for its log) and the clock.
fn run<F, Fut>(main: F) -> (Aio, VirtualClock, RunOutcome)
where
    F: FnOnce(Aio) -> Fut,
    Fut: std::future::Future<Output = CoroResult> + 'static,
{
    let clock = VirtualClock::without_network();
    let aio = Aio::new(Rc::new(clock.clone()));
    aio.run_main("main", "main()", main(aio.clone()));
    let outcome = clock.run(3_600_000_000, 100_000);
    (aio, clock, outcome)
}

fn lines(aio: &Aio) -> Vec<String> {
    printed_lines(&aio.events())
}

/// Each printed line with its time in ms: `"1000 Hello"`.
fn timed_lines(aio: &Aio) -> Vec<String> {
    aio.events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Printed { text } => Some(format!("{} {text}", e.at / 1000)),
            _ => None,
        })
        .collect()
}

async fn say(aio: Aio, text: &'static str, delay: f64) -> CoroResult {
    aio.sleep(delay).await?;
    aio.print(text);
    Ok(PyValue::str(text))
}

#[test]
fn calling_a_coroutine_function_runs_nothing_until_awaited() {
    let (aio, _, _) = run(|aio| async move {
        let never_awaited = say(aio.clone(), "never", 0.0);
        let awaited_later = say(aio.clone(), "later", 0.0);
        aio.print("made two coroutine objects");
        drop(never_awaited);
        awaited_later.await?;
        Ok(PyValue::None)
    });
    assert_eq!(lines(&aio), ["made two coroutine objects", "later"]);
    // The chapter's 44.1.1: the coroutine object is shown before anything inside it runs.
    let run = Scenario::new(ScenarioId::Coroutine).run_virtual();
    assert_eq!(run.lines()[..2], ["<coroutine object fetch_data at 0x107d12f80>", "Starting to fetch..."]);
}

#[test]
fn create_task_runs_the_task_only_after_the_creator_yields() {
    let (aio, _, _) = run(|aio| async move {
        let child = aio.create_task("child", "child()", {
            let aio = aio.clone();
            async move {
                aio.print("child runs");
                Ok(PyValue::None)
            }
        });
        aio.print("creator continues");
        aio.print("creator still running");
        aio.sleep(0.0).await?;
        aio.print("creator resumes");
        child.join().await
    });
    assert_eq!(lines(&aio), ["creator continues", "creator still running", "child runs", "creator resumes"]);
    let events = aio.events();
    let child_started = events.iter().position(|e| e.task == 1 && e.kind == EventKind::Started).unwrap();
    let creator_suspended =
        events.iter().position(|e| e.task == 0 && matches!(e.kind, EventKind::Suspended { .. })).unwrap();
    assert!(creator_suspended < child_started, "the child starts only after the creator suspends");
}

#[test]
fn timers_with_equal_deadlines_fire_in_the_order_they_were_scheduled() {
    for order in [["a", "b", "c"], ["c", "b", "a"]] {
        let (aio, _, _) = run(move |aio| async move {
            let tasks: Vec<_> =
                order.iter().map(|name| aio.create_task(name, name, say(aio.clone(), name, 1.0))).collect();
            aio.gather(&tasks).await
        });
        assert_eq!(lines(&aio), order, "same deadline: creation order decides");
    }
    // Same deadline reached from different start times: the timer scheduled first fires first.
    let (aio, _, _) = run(|aio| async move {
        let early = aio.create_task("early", "early", say(aio.clone(), "scheduled at 0 for 2", 2.0));
        aio.sleep(1.0).await?;
        let late = aio.create_task("late", "late", say(aio.clone(), "scheduled at 1 for 1", 1.0));
        aio.gather(&[late, early]).await
    });
    assert_eq!(timed_lines(&aio), ["2000 scheduled at 0 for 2", "2000 scheduled at 1 for 1"]);
}

#[test]
fn gather_returns_results_in_argument_order_whatever_finishes_first() {
    let (aio, _, _) = run(|aio| async move {
        let slow = aio.create_task("slow", "slow", say(aio.clone(), "slow", 2.0));
        let fast = aio.create_task("fast", "fast", say(aio.clone(), "fast", 1.0));
        let results = aio.gather(&[slow, fast]).await?;
        aio.print(results.to_string());
        Ok(results)
    });
    assert_eq!(lines(&aio), ["fast", "slow", "['slow', 'fast']"]);
    // The chapter's 44.4.1 with b finishing first still prints A before B.
    let mut swapped = Scenario::new(ScenarioId::Gather);
    swapped.set("a", 2.0).unwrap();
    swapped.set("b", 1.0).unwrap();
    assert_eq!(swapped.run_virtual().lines(), ["['Result A', 'Result B']", "Time: 2.00s"]);
}

#[test]
fn gather_raises_the_first_exception_and_the_others_keep_running() {
    let (aio, _, _) = run(|aio| async move {
        let failing = aio.create_task("failing", "failing()", {
            let aio = aio.clone();
            async move {
                aio.sleep(1.0).await?;
                Err(Exception::error("ClientError", "404"))
            }
        });
        let slow = aio.create_task("slow", "slow", say(aio.clone(), "slow still finished", 2.0));
        let gathered = aio.gather(&[slow.clone(), failing]).await;
        aio.print(format!("gather raised {}", gathered.unwrap_err()));
        slow.join().await
    });
    assert_eq!(timed_lines(&aio), ["1000 gather raised ClientError: 404", "2000 slow still finished"]);
    let failed = aio
        .events()
        .iter()
        .any(|e| e.task == 1 && matches!(&e.kind, EventKind::Failed { error } if error == "ClientError: 404"));
    assert!(failed, "the failing task is recorded as failed");
}

/// `async with` over a resource whose `__aexit__` awaits; the body sleeps long.
async fn guarded_work(aio: Aio) -> CoroResult {
    aio.print("Acquiring resource...");
    aio.sleep(1.0).await?;
    let body = async {
        aio.print("Using resource");
        aio.sleep(100.0).await?;
        aio.print("body finished");
        Ok::<_, Exception>(())
    }
    .await;
    // __aexit__ (and a `finally`) runs whatever the body raised, and can itself await.
    aio.print("Releasing resource...");
    aio.sleep(0.5).await?;
    aio.print("released");
    body.map(|_| PyValue::None)
}

#[test]
fn cancel_stops_the_task_at_its_await_and_cleanup_still_runs() {
    let (aio, clock, _) = run(|aio| async move {
        let worker = aio.create_task("worker", "guarded_work()", guarded_work(aio.clone()));
        aio.sleep(3.0).await?;
        aio.print(format!("cancel() -> {}", if worker.cancel() { "True" } else { "False" }));
        let outcome = worker.join().await;
        aio.print(format!("await worker raised {}", outcome.unwrap_err()));
        Ok(PyValue::None)
    });
    assert_eq!(
        timed_lines(&aio),
        [
            "0 Acquiring resource...",
            "1000 Using resource",
            "3000 cancel() -> True",
            "3000 Releasing resource...",
            "3500 released",
            "3500 await worker raised CancelledError",
        ]
    );
    let timeline = Timeline::from_events(&aio.events(), None);
    let worker = &timeline.lanes[1];
    assert_eq!(
        worker.outcome().map(|s| s.kind.clone()),
        Some(SegmentKind::Cancelled { at: "sleep(100)".into() }),
        "shown as cancelled at the await, not done"
    );
    assert_eq!(clock.pending_timers(), 0, "the cancelled sleep(100) left no timer behind");
}

#[test]
fn a_task_cancelled_before_it_starts_never_runs() {
    let (aio, _, _) = run(|aio| async move {
        let task = aio.create_task("doomed", "say()", say(aio.clone(), "never printed", 0.0));
        task.cancel();
        aio.sleep(1.0).await?;
        Ok(PyValue::None)
    });
    assert!(lines(&aio).is_empty());
    assert!(!aio.events().iter().any(|e| e.task == 1 && e.kind == EventKind::Started));
    assert!(aio.events().iter().any(|e| e.task == 1 && e.kind == EventKind::Cancelled));
}

#[test]
fn sleep_zero_yields_exactly_one_turn() {
    async fn ping(aio: Aio, name: &'static str) -> CoroResult {
        for i in 1..=3 {
            aio.print(format!("{name}{i}"));
            aio.sleep(0.0).await?;
        }
        Ok(PyValue::None)
    }
    let (aio, _, _) = run(|aio| async move {
        let a = aio.create_task("a", "ping('a')", ping(aio.clone(), "a"));
        let b = aio.create_task("b", "ping('b')", ping(aio.clone(), "b"));
        aio.gather(&[a, b]).await
    });
    assert_eq!(lines(&aio), ["a1", "b1", "a2", "b2", "a3", "b3"]);
    assert!(aio.events().iter().all(|e| e.at == 0), "sleep(0) takes no time");
}

#[test]
fn background_defaults_print_two_lines_and_end_at_ten_seconds() {
    let run = Scenario::new(ScenarioId::Background).run_virtual();
    assert_eq!(run.lines(), ["Background work...", "Background work...", "Time: 10.00s"]);
    // + 2 µs: the two clock reads around the work (1 µs each on the virtual clock).
    assert_eq!(run.total, Some(10_000_002));
    let timeline = run.timeline();
    let task = timeline.lanes.iter().find(|l| l.name == "task").unwrap();
    assert_eq!(task.outcome().map(|s| s.kind.name()), Some("cancelled"));
}

#[test]
fn cpu_bound_work_blocks_every_other_task() {
    let mut scenario = Scenario::new(ScenarioId::CpuVsIo);
    let blocking = scenario.run_virtual();
    assert_eq!(
        blocking.lines()[..3],
        ["CPU work done at 1.00s", "io1 woke up at 1.00s (asked for 0.3s)", "io2 woke up at 1.00s (asked for 0.6s)"]
    );
    let late: Vec<(String, Micros)> = blocking
        .timeline()
        .lanes
        .iter()
        .flat_map(|l| l.segments.iter().filter(|s| s.kind.name() == "late").map(|s| (l.name.clone(), s.end - s.start)))
        .collect();
    assert_eq!(
        late,
        // + the µs of the clock reads that end the busy loop.
        [("io1".to_string(), 700_002), ("io2".to_string(), 400_003)],
        "timers fire late by what was left of the work"
    );
    scenario.set_mode("worker").unwrap();
    let worker = scenario.run_virtual();
    assert_eq!(worker.lines()[..2], ["io1 woke up at 0.30s (asked for 0.3s)", "io2 woke up at 0.60s (asked for 0.6s)"]);
    assert_eq!(worker.total, Some(1_000_004));
}

#[test]
fn stop_ends_every_task_at_once_even_cleanup_that_awaits() {
    let clock = VirtualClock::without_network();
    let aio = Aio::new(Rc::new(clock.clone()));
    aio.run_main("main", "main()", guarded_work(aio.clone()));
    assert_eq!(clock.run(2_000_000, 1000), RunOutcome::TimeLimit);
    aio.stop();
    assert_eq!(clock.run(3_600_000_000, 1000), RunOutcome::Idle);
    assert!(aio.all_finished());
    assert_eq!(clock.pending_timers(), 0);
    assert_eq!(lines(&aio), ["Acquiring resource...", "Using resource", "Releasing resource..."]);
}

#[test]
fn the_chapter_totals_hold_at_the_defaults() {
    let totals: Vec<(&str, &str, Option<Micros>)> = ScenarioId::ALL
        .iter()
        .filter(|id| !matches!(id, ScenarioId::Code | ScenarioId::Gallery(_)))
        .flat_map(|&id| {
            let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
            modes.into_iter().map(move |mode| {
                let mut s = Scenario::new(id);
                if !mode.is_empty() {
                    s.set_mode(mode).unwrap();
                }
                (id.id(), mode, s.run_virtual().total)
            })
        })
        .collect();
    let ms = |t: Option<Micros>| t.map(|t| t / 1000);
    let got: Vec<String> = totals.iter().map(|(id, mode, t)| format!("{id} {mode} {:?}", ms(*t))).collect();
    assert_eq!(
        got,
        [
            "coroutine  Some(2000)",
            "say-hello concurrent Some(3000)",
            "say-hello sequential Some(6000)",
            "fetch-urls sequential Some(900)",
            "fetch-urls concurrent Some(300)",
            "gather  Some(2000)",
            "background  Some(10000)",
            "context-manager  Some(1500)",
            "cpu-vs-io blocking Some(1000)",
            "cpu-vs-io worker Some(1000)",
            "many-tasks  Some(500)",
        ]
    );
}

#[test]
fn a_hundred_thousand_tasks_finish_in_order_in_the_longest_sleep() {
    let mut scenario = Scenario::new(ScenarioId::Stress);
    scenario.set("n", 100_000.0).unwrap();
    let run = scenario.run_virtual();
    assert_eq!(run.outcome, RunOutcome::Idle);
    assert_eq!(run.lines(), ["100000 tasks finished; results in order: [0, 1, 2] ... 99999", "Time: 0.50s"]);
    // + 2 µs: the clock reads that time the run.
    assert_eq!(run.total, Some(500_002));
}

// ---- HTTP (aiohttp's client, 44.3) -----------------------------------------------------------------

use async_playground::engine::requests::{requests, Stage};
use async_playground::engine::{GetOptions, SimulatedReply};

/// A loop whose network is the sample API (`sample-api/…` URLs answer as the service worker will).
fn run_http<F, Fut>(main: F) -> (Aio, VirtualClock)
where
    F: FnOnce(Aio) -> Fut,
    Fut: std::future::Future<Output = CoroResult> + 'static,
{
    let scenario = Scenario::new(ScenarioId::FetchUrls);
    let clock = VirtualClock::new(Rc::new(move |url: &str| -> SimulatedReply { scenario.simulated_reply(url) }));
    let aio = Aio::new(Rc::new(clock.clone()));
    aio.run_main("main", "main()", main(aio.clone()));
    clock.run(3_600_000_000, 100_000);
    (aio, clock)
}

fn get_text(aio: &Aio, url: &'static str, options: GetOptions) -> impl std::future::Future<Output = CoroResult> {
    let session = aio.client_session();
    async move {
        let response = session.get(url, options).await?;
        Ok(PyValue::Str(response.text().await?))
    }
}

#[test]
fn a_request_is_two_awaits_the_head_then_the_body() {
    let (aio, _) = run_http(|aio| get_text(&aio, "sample-api/users/ada?delay=0.3&body=0.2", GetOptions::default()));
    let waits: Vec<(u64, String)> = aio
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Suspended { on, .. } => Some((e.at / 1000, on.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        waits,
        [(0, "GET sample-api/users/ada?delay=0.3&body=0.2".to_string()), (300, "response.text()".to_string())]
    );
    let log = requests(&aio.events());
    assert_eq!(log.len(), 1);
    let (head, body) = (log[0].head.as_ref().unwrap(), log[0].body.as_ref().unwrap());
    assert_eq!((head.at, head.status, head.reason.as_str()), (300_000, 200, "OK"));
    assert_eq!((body.at, body.chars), (500_000, 1158));
    assert!(body.preview.starts_with("{\n  \"login\": \"ada\""));
    assert_eq!(log[0].stage(), Stage::Done);
}

#[test]
fn raise_for_status_turns_a_404_into_client_response_error_before_the_body() {
    let options = GetOptions { raise_for_status: true, timeout: None };
    let (aio, _) = run_http(move |aio| get_text(&aio, "sample-api/status/404?delay=0.1&body=5", options));
    let error = aio.task_result(0).unwrap().unwrap_err();
    assert_eq!(
        error.to_string(),
        "ClientResponseError: 404, message='Not Found', url='sample-api/status/404?delay=0.1&body=5'"
    );
    assert_eq!(aio.root_end(), Some(100_000), "raised with the head: the 5 s body is never read");
    // Without raise_for_status a 404 is a response like another (as in aiohttp).
    let (aio, _) = run_http(|aio| get_text(&aio, "sample-api/status/404", GetOptions::default()));
    assert!(matches!(aio.task_result(0), Some(Ok(PyValue::Str(text))) if text.contains("Not Found")));
}

#[test]
fn the_timeout_covers_the_head_and_the_body() {
    let options = GetOptions { raise_for_status: true, timeout: Some(1.0) };
    let (aio, clock) = run_http(move |aio| get_text(&aio, "sample-api/users/ada?delay=5", options));
    assert_eq!(aio.task_result(0).unwrap().unwrap_err().to_string(), "TimeoutError");
    assert_eq!(aio.root_end(), Some(1_000_000));
    assert_eq!(clock.pending_timers(), 0, "the abandoned request leaves no timer behind");
    let (aio, _) = run_http(move |aio| get_text(&aio, "sample-api/users/ada?delay=0.6&body=0.6", options));
    assert_eq!(aio.root_end(), Some(1_000_000), "the body is cut off at the same deadline");
    let log = requests(&aio.events());
    assert_eq!((log[0].stage(), log[0].failure.as_ref().unwrap().kind.as_str()), (Stage::Failed, "TimeoutError"));
}

#[test]
fn closing_a_session_fails_the_requests_still_going() {
    // `gather` raises the first exception at once and does not cancel the other tasks; leaving
    // `async with ClientSession()` then closes the session, failing their requests (aiohttp 3.14).
    let (aio, _) = run_http(|aio| async move {
        let session = aio.client_session();
        let options = GetOptions { raise_for_status: true, timeout: None };
        let get = |url: &'static str| {
            let session = session.clone();
            async move { Ok(PyValue::Str(session.get(url, options).await?.text().await?)) }
        };
        let tasks = [
            aio.create_task("slow", "slow", get("sample-api/users/a?delay=1")),
            aio.create_task("missing", "missing", get("sample-api/status/404?delay=0.2")),
        ];
        let result = aio.gather(&tasks).await;
        session.close().await;
        result
    });
    assert_eq!(aio.root_end(), Some(200_000));
    let outcome = |task| aio.task_result(task).unwrap().unwrap_err().to_string();
    assert_eq!(outcome(1), "ClientConnectionError: Connector is closed.");
    assert!(outcome(2).starts_with("ClientResponseError: 404"));
    let stages: Vec<Stage> = requests(&aio.events()).iter().map(|r| r.stage()).collect();
    assert_eq!(stages, [Stage::Failed, Stage::Failed]);
}

#[test]
fn a_cancelled_request_is_aborted_and_logged() {
    let (aio, clock) = run_http(|aio| async move {
        let task = aio.create_task("get", "get", get_text(&aio, "sample-api/users/a?delay=5", GetOptions::default()));
        aio.sleep(1.0).await?;
        task.cancel();
        aio.sleep(0.0).await?;
        Ok(PyValue::None)
    });
    let log = requests(&aio.events());
    assert_eq!(log[0].stage(), Stage::Cancelled);
    assert_eq!(log[0].ended(), Some(1_000_000));
    assert_eq!(clock.pending_timers(), 0);
}

#[test]
fn a_coroutine_awaited_directly_is_a_call_on_its_tasks_lane() {
    let run = {
        let mut scenario = Scenario::new(ScenarioId::FetchUrls);
        scenario.urls = vec!["sample-api/users/a?delay=0.5".into(), "sample-api/status/500?delay=0.25".into()];
        scenario.run_virtual()
    };
    let timeline = run.timeline();
    assert_eq!(timeline.lanes.len(), 1, "sequential awaits make no tasks");
    let calls: Vec<(String, Option<u64>, Option<String>)> =
        timeline.lanes[0].calls.iter().map(|c| (c.name.clone(), c.end, c.error.clone())).collect();
    // + 1 µs: the program's clock read (`time.perf_counter()`), which costs 1 µs on the virtual
    // clock, as in CPython's virtual-clock runs (tests/cpython_vclock.py).
    assert_eq!(calls[0], ("fetch_url(a)".to_string(), Some(500_001), None));
    assert_eq!(calls[1].1, Some(750_001));
    assert!(calls[1].2.as_deref().unwrap().starts_with("ClientResponseError: 500"));
    let log = requests(&run.events);
    assert_eq!(log.iter().map(|r| r.call).collect::<Vec<_>>(), [Some(0), Some(1)], "each request knows its call");
}
