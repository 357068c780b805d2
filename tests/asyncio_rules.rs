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
    assert_eq!(run.total, Some(10_000_000));
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
        [("io1".to_string(), 700_000), ("io2".to_string(), 400_000)],
        "timers fire late by what was left of the work"
    );
    scenario.set_mode("worker").unwrap();
    let worker = scenario.run_virtual();
    assert_eq!(worker.lines()[..2], ["io1 woke up at 0.30s (asked for 0.3s)", "io2 woke up at 0.60s (asked for 0.6s)"]);
    assert_eq!(worker.total, Some(1_000_000));
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
    assert_eq!(run.total, Some(500_000));
}
