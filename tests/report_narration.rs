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

            Beyond code
              asyncio.run starts main().
              main creates 2 tasks: count(A) and count(B).
              main waits on gather(count(A), count(B)).
              count(A) waits on sleep(0.5), then on sleep(0.5), then on sleep(0.5).
              count(B) waits on sleep(0.8), then on sleep(0.8).
              count(A) finishes first, at 1.500 s; then count(B) at 1.600 s.
              The run took 1.600 s: count(A) and count(B) waited at the same time, so the total (1.600 s) is less than the sum of the waits (3.100 s).

            Gallery gallery-wait-for
              asyncio.run starts main().
              main creates 2 tasks: slow_answer(1) and slow_answer(5).
              main waits on wait_for(slow_answer(1)), then on wait_for(slow_answer(5)), then on wait_for(slow_answer(5)), and 2 times more.
              slow_answer(1) waits on sleep(1) and slow_answer(5) on sleep(5).
              slow_answer(1) finishes at 1.000 s, returning 'the answer, after 1s'.
              At 3.000 s, main calls cancel() on slow_answer(5): CancelledError is raised in sleep(5), where it was waiting, and it ends cancelled.
              The run took 4.500 s: the tasks waited at the same time, so the total (4.500 s) is less than the sum of the waits (7.500 s).

            Gallery gallery-taskgroup
              asyncio.run starts main().
              main creates 5 tasks: a = job('a', 1, False), b = job('b', 2, False), job(fast), job(broken) and job(slow).
              main waits on TaskGroup, then on TaskGroup, then on TaskGroup, and 1 time more.
              a waits on sleep(1), b on sleep(2), job(fast) on sleep(1), job(broken) on sleep(2) and job(slow) on sleep(3).
              a finishes first, at 1.000 s, returning 'a'; then b at 2.000 s, returning 'b'; then job(fast) at 3.000 s, returning 'fast'.
              At 4.000 s, job(slow) is cancelled as the run ends: CancelledError is raised in sleep(3), where it was waiting, and it ends cancelled.
              job(broken) fails at 4.000 s: ValueError: broken broke.
              The run took 4.000 s: the tasks waited at the same time, so the total (4.000 s) is less than the sum of the waits (12.000 s).

            Gallery gallery-as-completed
              asyncio.run starts main().
              main creates 6 tasks: fetch(slow), fetch(fast), fetch(medium), fetch(slow), fetch(fast) and fetch(medium).
              main waits on gather(fetch(slow), fetch(fast), fetch(medium)), then on as_completed(...), then on as_completed(...), and 1 time more.
              fetch(slow) waits on sleep(3), fetch(fast) on sleep(1), fetch(medium) on sleep(2), fetch(slow) on sleep(3), fetch(fast) on sleep(1) and fetch(medium) on sleep(2).
              fetch(fast) finishes first, at 1.000 s, returning 'fast (1s)'; then fetch(medium) at 2.000 s, returning 'medium (2s)'; then fetch(slow) at 3.000 s, returning 'slow (3s)'; then fetch(fast) at 4.000 s, returning 'fast (1s)'; then fetch(medium) at 5.000 s, returning 'medium (2s)'; then fetch(slow) at 6.000 s, returning 'slow (3s)'.
              The run took 6.000 s: the tasks waited at the same time, so the total (6.000 s) is less than the sum of the waits (15.000 s).

            Gallery gallery-queue
              asyncio.run starts main().
              main creates 2 tasks: worker(worker 1) and worker(worker 2).
              main waits on sleep(0.5), then on sleep(0.5), then on sleep(0.5), and 4 times more.
              worker(worker 1) waits on queue.get(), then on sleep(2.5), then on sleep(2.5), and 2 times more.
              worker(worker 2) waits on queue.get(), then on sleep(2.5), then on sleep(2.5), and 1 time more.
              At 8.000 s, main calls cancel() on worker(worker 1): CancelledError is raised in queue.get(), where it was waiting, and it ends cancelled.
              At 8.000 s, main calls cancel() on worker(worker 2): CancelledError is raised in queue.get(), where it was waiting, and it ends cancelled.
              The run took 8.000 s: the tasks waited at the same time, so the total (8.000 s) is less than the sum of the waits (24.000 s).

            Gallery gallery-semaphore
              asyncio.run starts main().
              main creates 5 tasks: download(a.zip), download(b.zip), download(c.zip), download(d.zip) and download(e.zip).
              main waits on gather(download(a.zip), download(b.zip), …, download(e.zip) (5 tasks)).
              download(c.zip) waits on limit.acquire(), then on sleep(1).
              download(d.zip) waits on limit.acquire(), then on sleep(1.5).
              download(e.zip) waits on limit.acquire(), then on sleep(0.5).
              download(a.zip) waits on sleep(1) and download(b.zip) on sleep(2).
              download(a.zip) finishes first, at 1.000 s; then download(b.zip) at 2.000 s; then download(c.zip) at 2.000 s; then download(e.zip) at 2.500 s; then download(d.zip) at 3.500 s.
              The run took 3.500 s: the tasks waited at the same time, so the total (3.500 s) is less than the sum of the waits (11.000 s).

            Gallery gallery-lock
              asyncio.run starts main().
              main creates 10 tasks, deposit(ann) to deposit_locked(eve).
              main waits on gather(deposit(ann), deposit(bob), …, deposit(eve) (5 tasks)).
              The 10 tasks wait 14 times in all.
              All 10 finish: the first, deposit(ann), at 0.100 s; the last, deposit_locked(eve), at 0.600 s.
              The run took 0.600 s: the tasks waited at the same time, so the total (0.600 s) is less than the sum of the waits (2.000 s).

            Gallery gallery-event
              asyncio.run starts main().
              main creates 3 tasks: runner(Ann), runner(Ben) and runner(Cat).
              main waits on sleep(2), then on gather(runner(Ann), runner(Ben), runner(Cat)).
              runner(Ann) waits on gun.wait(), runner(Ben) on gun.wait() and runner(Cat) on gun.wait().
              runner(Ann) finishes first, at 2.000 s; then runner(Ben) at 2.000 s; then runner(Cat) at 2.000 s.
              The run took 2.000 s: the tasks waited at the same time, so the total is the longest wait (2.000 s), not the sum of the waits (8.000 s).

            Gallery gallery-cancel-cleanup
              asyncio.run starts main().
              main creates 1 task: task = worker().
              main waits on sleep(2.5), then on task.
              task waits on sleep(1), then on sleep(1), then on sleep(1), and 1 time more.
              At 3.000 s, main calls cancel() on task: CancelledError is raised in sleep(1), where it was waiting, and it ends cancelled.
              The run took 3.000 s: main and task waited at the same time, so the total (3.000 s) is less than the sum of the waits (5.500 s).

            Gallery gallery-forgot-await
              asyncio.run starts main().
              main waits on sleep(1).
              The run took 1.000 s, most of it waiting on sleep(1).

            Gallery gallery-blocking-sleep
              asyncio.run starts main().
              main creates 4 tasks: ticker(), blocking_nap(), ticker() and polite_nap().
              main waits on gather(ticker(), blocking_nap()), then on gather(ticker(), polite_nap()).
              ticker() waits on sleep(0.5), then on sleep(0.5), then on sleep(0.5), and 1 time more.
              ticker() waits on sleep(0.5), then on sleep(0.5), then on sleep(0.5), and 1 time more.
              polite_nap() waits on sleep(1.5).
              blocking_nap() runs time.sleep(1.5) from 0.000 s to 1.500 s without awaiting: it holds the thread, so no other task can run meanwhile.
              So timers fire late: ticker() at 1.500 s instead of 0.500 s.
              blocking_nap() finishes first, at 1.500 s; then ticker() at 3.000 s; then polite_nap() at 4.500 s; then ticker() at 5.000 s.
              The run took 5.000 s: the tasks waited at the same time, so the total (5.000 s) is less than the sum of the waits (6.500 s).

            Gallery gallery-fire-and-forget
              asyncio.run starts main().
              main creates 2 tasks: send_email(Ann) and send_email(Bob).
              main waits on sleep(2).
              send_email(Ann) waits on sleep(1) and send_email(Bob) on sleep(3).
              send_email(Ann) finishes at 1.000 s.
              At 2.000 s, send_email(Bob) is cancelled as the run ends: CancelledError is raised in sleep(3), where it was waiting, and it ends cancelled.
              The run took 2.000 s: the tasks waited at the same time, so the total is the longest wait (2.000 s), not the sum of the waits (5.000 s).

            Gallery gallery-swallowed-cancel
              asyncio.run starts main().
              main waits on sleep(1), then on sleep(1), then on sleep(1).
              The run took 2.500 s: the waits came one after another, so the total is their sum (1.000 s + 0.500 s + 1.000 s).

            Gallery gallery-to-thread
              asyncio.run starts main().
              main creates 4 tasks: to_thread(), ticker(), to_thread() and to_thread().
              main waits on gather(to_thread(), ticker()), then on gather(to_thread(), to_thread()).
              ticker() waits on sleep(0.5), then on sleep(0.5), then on sleep(0.5).
              to_thread() waits on to_thread(read_sensor, 'kitchen', 2), to_thread() on to_thread(read_sensor, 'hall', 1) and to_thread() on to_thread(read_sensor, 'attic', 1).
              ticker() finishes first, at 1.500 s; then to_thread() at 2.000 s, returning 'kitchen: 21.5 C'; then to_thread() at 3.000 s, returning 'hall: 21.5 C'; then to_thread() at 3.000 s, returning 'attic: 21.5 C'.
              The run took 3.000 s: the tasks waited at the same time, so the total (3.000 s) is less than the sum of the waits (5.500 s).

            Gallery gallery-async-generator
              asyncio.run starts main().
              main waits on sleep(1), then on sleep(1), then on sleep(1), and 4 times more.
              The run took 5.000 s: the 7 waits came one after another, so the total is their sum (5.000 s).

            Gallery gallery-retry-backoff
              asyncio.run starts main().
              main awaits fetch(), fetch(), fetch(), fetch(), fetch(), fetch() and fetch() directly, one after another: no task is created, each call runs inside main.
              main waits on sleep(0.2), then on sleep(0.5), then on sleep(0.2), and 9 times more.
              The run took 6.400 s: the 12 waits came one after another, so the total is their sum (6.400 s).

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
