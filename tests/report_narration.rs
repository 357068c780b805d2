//! The run told in words (`report::narration`), as snapshots of every section's ideal run: what the
//! "In words" panel says and a screen reader announces when a run ends. Derived from the event
//! log, never written per section: a new section gets its narration for free, and a change in the
//! engine's scheduling shows up here as a diff.
//!
//! After an intended change, review and accept the new snapshots with:
//!
//!     UPDATE_EXPECT=1 cargo test --test report_narration
#![cfg(not(target_arch = "wasm32"))]

use async_playground::report::narration::narrate;
use async_playground::scenarios::{Scenario, ScenarioId};
use expect_test::{expect, Expect};

/// Each run's narration under a heading, a sentence per line.
fn told(runs: &[(String, Scenario)]) -> String {
    runs.iter()
        .map(|(title, scenario)| {
            let sentences = narrate(&scenario.run_virtual().events);
            format!("{title}\n{}\n", sentences.iter().map(|s| format!("  {s}\n")).collect::<String>())
        })
        .collect()
}

fn check(runs: &[(String, Scenario)], expect: Expect) {
    expect.assert_eq(&told(runs));
}

fn in_mode(id: ScenarioId, mode: &str) -> Scenario {
    let mut scenario = Scenario::new(id);
    scenario.set_mode(mode).unwrap();
    scenario
}

#[test]
fn every_section_with_its_defaults() {
    let runs: Vec<(String, Scenario)> =
        ScenarioId::ALL.iter().map(|&id| (format!("{} {}", id.section(), id.id()), Scenario::new(id))).collect();
    check(
        &runs,
        expect![[r#"
            44.1.1 coroutine
              asyncio.run starts fetch_data() (its lane is main).
              main waits on sleep(2).
              The run took 2.000 s, most of it waiting on sleep(2).

            44.2 say-hello
              asyncio.run starts main().
              main creates 3 tasks: task1 = say_hello('Alice', 2), task2 = say_hello('Bob', 1) and task3 = say_hello('Charlie', 3).
              main waits on gather(task1, task2, task3).
              task1 waits on sleep(2), task2 on sleep(1) and task3 on sleep(3).
              task2 finishes first, at 1.000 s; then task1 at 2.000 s; then task3 at 3.000 s.
              The run took 3.000 s: the tasks waited at the same time, so the total is the longest wait (3.000 s), not the sum of the waits (6.000 s).

            44.3 fetch-urls
              asyncio.run starts main().
              main awaits fetch_url(python), fetch_url(github) and fetch_url(torvalds) directly, one after another: no task is created, each call runs inside main.
              main waits on GET https://api.github.com/users/python, then on GET https://api.github.com/users/github, then on GET https://api.github.com/users/torvalds.
              The run took 0.900 s: the waits came one after another, so the total is their sum (0.300 s + 0.300 s + 0.300 s).

            44.4.1 gather
              asyncio.run starts main().
              main creates 2 tasks: task_a() and task_b().
              main waits on gather(task_a(), task_b()).
              task_a() waits on sleep(1) and task_b() on sleep(2).
              task_a() finishes first, at 1.000 s, returning 'Result A'; then task_b() at 2.000 s, returning 'Result B'.
              The run took 2.000 s: task_a() and task_b() waited at the same time, so the total is the longest wait (2.000 s), not the sum of the waits (3.000 s).

            44.4.2 background
              asyncio.run starts main().
              main creates 1 task: task = background_task().
              main waits on sleep(10).
              task waits on sleep(5), then on sleep(5).
              At 10.000 s, main calls cancel() on task: CancelledError is raised in sleep(5), where it was waiting, and it ends cancelled.
              The run took 10.000 s: main and task waited at the same time, so the total is the longest wait (10.000 s), not the sum of the waits (20.000 s).

            44.4.3 context-manager
              asyncio.run starts main().
              main waits on sleep(1), then on sleep(0.5).
              The run took 1.500 s: the waits came one after another, so the total is their sum (1.000 s + 0.500 s).

            44.5 cpu-vs-io
              asyncio.run starts main().
              main creates 3 tasks: io1 = io_task('io1', 0.3), io2 = io_task('io2', 0.6) and cpu = crunch(1).
              main waits on gather(io1, io2, cpu).
              io1 waits on sleep(0.3) and io2 on sleep(0.6).
              cpu runs cpu_work(1) from 0.000 s to 1.000 s without awaiting: it holds the thread, so no other task can run meanwhile.
              So timers fire late: io1 at 1.000 s instead of 0.300 s and io2 at 1.000 s instead of 0.600 s.
              cpu finishes first, at 1.000 s; then io1 at 1.000 s; then io2 at 1.000 s.
              The run took 1.000 s: the CPU-bound work alone took 1.000 s, and while it held the thread nothing else could run.

            Beyond many-tasks
              asyncio.run starts main().
              main creates 100 tasks, worker(0) to worker(99).
              main waits on gather(worker(0), worker(1), …, worker(99) (100 tasks)).
              Each of the 100 tasks waits on sleep(…), all at the same time.
              All 100 finish: the first, worker(0), at 0.000 s; the last, worker(99), at 0.500 s.
              The run took 0.500 s: the tasks waited at the same time, so the total is the longest wait (0.500 s), not the sum of the waits (25.000 s).

        "#]],
    );
}

#[test]
fn the_other_modes() {
    let runs: Vec<(String, Scenario)> = ScenarioId::ALL
        .iter()
        .flat_map(|&id| id.modes().iter().skip(1).map(move |&mode| (format!("{} {mode}", id.id()), in_mode(id, mode))))
        .collect();
    check(
        &runs,
        expect![[r#"
            say-hello sequential
              asyncio.run starts main().
              main waits on sleep(2), then on sleep(1), then on sleep(3).
              The run took 6.000 s: the waits came one after another, so the total is their sum (2.000 s + 1.000 s + 3.000 s).

            fetch-urls concurrent
              asyncio.run starts main().
              main creates 3 tasks: fetch_url(python), fetch_url(github) and fetch_url(torvalds).
              main waits on gather(fetch_url(python), fetch_url(github), fetch_url(torvalds)).
              fetch_url(python) waits on GET https://api.github.com/users/python, fetch_url(github) on GET https://api.github.com/users/github and fetch_url(torvalds) on GET https://api.github.com/users/torvalds.
              fetch_url(python) finishes first, at 0.300 s; then fetch_url(github) at 0.300 s; then fetch_url(torvalds) at 0.300 s.
              The run took 0.300 s: the tasks waited at the same time, so the total is the longest wait (0.300 s), not the sum of the waits (0.900 s).

            cpu-vs-io worker
              asyncio.run starts main().
              main creates 3 tasks: io1 = io_task('io1', 0.3), io2 = io_task('io2', 0.6) and cpu = crunch(1).
              main waits on gather(io1, io2, cpu).
              io1 waits on sleep(0.3), io2 on sleep(0.6) and cpu on to_thread(cpu_work, 1).
              io1 finishes first, at 0.300 s; then io2 at 0.600 s; then cpu at 1.000 s.
              The run took 1.000 s: the tasks waited at the same time, so the total is the longest wait (1.000 s), not the sum of the waits (1.900 s).

        "#]],
    );
}

#[test]
fn failures_and_a_crowd() {
    let mut failing = in_mode(ScenarioId::FetchUrls, "concurrent");
    failing.urls = vec!["sample-api/users/python?delay=0.5".into(), "sample-api/status/404?delay=0.2".into()];
    let mut crowd = Scenario::new(ScenarioId::Stress);
    crowd.set("n", 10_000.0).unwrap();
    check(
        &[("44.3 concurrent with a 404".into(), failing), ("10,000 tasks".into(), crowd)],
        expect![[r#"
            44.3 concurrent with a 404
              asyncio.run starts main().
              main creates 2 tasks: fetch_url(python) and fetch_url(404).
              main waits on gather(fetch_url(python), fetch_url(404)), then on sleep(0).
              fetch_url(python) waits on GET sample-api/users/python?delay=0.5 and fetch_url(404) on GET sample-api/status/404?delay=0.2.
              fetch_url(404) fails at 0.200 s: ClientResponseError: 404, message='Not Found', url='sample-api/status/404?delay=0.2'.
              fetch_url(python) fails at 0.200 s: ClientConnectionError: Connector is closed..
              main fails too, at 0.200 s, with the same exception: awaiting fetch_url(404) passed it on.
              The run ended at 0.200 s with main's exception.

            10,000 tasks
              asyncio.run starts main().
              main creates 10,000 tasks, worker(0) to worker(9999).
              main waits on gather(worker(0), worker(1), …, worker(9999) (10000 tasks)).
              Each of the 10,000 tasks waits on sleep(…), all at the same time.
              All 10,000 finish: the first, worker(0), at 0.000 s; the last, worker(9999), at 0.500 s.
              The run took 0.500 s: the tasks waited at the same time, so the total is the longest wait (0.500 s), not the sum of the waits (2500.000 s).

        "#]],
    );
}

#[test]
fn a_run_cut_short_says_it_is_still_going() {
    let events = Scenario::new(ScenarioId::SayHello).run_virtual().events;
    // As of a cursor at 1.5 s (the scrubber shows a run as of its cursor): Bob has finished.
    let cut: Vec<_> = events.iter().filter(|e| e.at <= 1_500_000).cloned().collect();
    let sentences = narrate(&cut);
    let last = sentences.last().unwrap();
    assert_eq!(last, "The run is not over yet: 3 tasks have not finished.");
    assert!(sentences.iter().any(|s| s == "task2 finishes at 1.000 s."), "{sentences:#?}");
    assert_eq!(narrate(&[]), ["Nothing has happened yet."]);
}

#[test]
fn a_real_run_a_little_late_is_about_the_longest_wait() {
    // A real run: main resumes 40 ms after the last sleep ended (the page was drawing).
    let mut events = Scenario::new(ScenarioId::SayHello).run_virtual().events;
    for event in events.iter_mut().filter(|e| e.task == 0 && e.at == 3_000_000) {
        event.at += 40_000;
    }
    assert_eq!(
        narrate(&events).last().unwrap(),
        "The run took 3.040 s: the tasks waited at the same time, so the total is about the longest wait (3.000 s), \
         not the sum of the waits (6.000 s)."
    );
}

#[test]
fn the_largest_crowd_is_told_quickly() {
    // The page tells a run when it ends and as the scrubber moves: 100,000 tasks (~400,000 events)
    // must not take quadratic time.
    let mut crowd = Scenario::new(ScenarioId::Stress);
    crowd.set("n", ScenarioId::Stress.params()[0].max).unwrap();
    let events = crowd.run_virtual().events;
    let sentences = narrate(&events);
    assert!(sentences.iter().any(|s| s.starts_with("All 100,000 finish")), "{sentences:#?}");
    assert!(sentences.concat().len() < 1_000);
}
