//! Why each task resumed (`insight::wake`) in real programs: timers, awaited tasks, resources,
//! cancellations, threads, and the step-through's "next event of this task".
//!
//! After an intended change, review and accept the new snapshots with
//!
//!     UPDATE_EXPECT=1 cargo test --test insight_wake
#![cfg(not(target_arch = "wasm32"))]

use async_playground::engine::{Event, EventKind};
use async_playground::insight::wake::{describe, next_event_of, previous_event_of, wake_cause, Cause};
use async_playground::python::run_virtual;
use async_playground::report::numbers::secs;
use expect_test::{expect, Expect};

fn events_of(path: &str) -> Vec<Event> {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    run_virtual(&source).unwrap_or_else(|e| panic!("{path}: {}", e.message)).events
}

fn names(events: &[Event]) -> (Vec<String>, Vec<String>) {
    let mut tasks = Vec::new();
    let mut resources = Vec::new();
    for event in events {
        match &event.kind {
            EventKind::Created { name, .. } => tasks.push(name.clone()),
            EventKind::ResourceCreated { name, .. } => resources.push(name.clone()),
            _ => {}
        }
    }
    (tasks, resources)
}

/// Every resumption of the run (its first turns left out unless `starts`), with why, in words.
fn why(events: &[Event], starts: bool) -> String {
    let (tasks, resources) = names(events);
    let mut out = String::new();
    for (i, event) in events.iter().enumerate() {
        let kind = match event.kind {
            EventKind::Started if starts => "started",
            EventKind::Resumed => "resumed",
            EventKind::CancelDelivered { .. } => "cancelled",
            _ => continue,
        };
        let cause = wake_cause(events, i).map_or("?".to_string(), |c| describe(&c, events, &tasks, &resources));
        out.push_str(&format!("{} {} {kind}: {cause}\n", secs(event.at), tasks[event.task]));
    }
    out
}

fn check(path: &str, starts: bool, expect: Expect) {
    expect.assert_eq(&why(&events_of(path), starts));
}

#[test]
fn the_chapters_gather_resumes_when_its_last_task_ends() {
    check(
        "tests/corpus/chapter_gather.py",
        true,
        expect![[r#"
        0.000 s main started: the run started it at 0.000 s
        0.000 s task_a() started: main created it at 0.000 s; this is its first turn
        0.000 s task_b() started: main created it at 0.000 s; this is its first turn
        1.000 s task_a() resumed: the timer of its sleep fired at 1.000 s
        2.000 s task_b() resumed: the timer of its sleep fired at 2.000 s
        2.000 s main resumed: task_b() finished at 2.000 s
    "#]],
    );
}

#[test]
fn a_lock_hands_over_to_its_next_waiter_at_each_release() {
    check(
        "gallery/lock.py",
        false,
        expect![[r#"
            0.100 s deposit(ann) resumed: the timer of its sleep fired at 0.100 s
            0.100 s deposit(bob) resumed: the timer of its sleep fired at 0.100 s
            0.100 s deposit(cat) resumed: the timer of its sleep fired at 0.100 s
            0.100 s deposit(dan) resumed: the timer of its sleep fired at 0.100 s
            0.100 s deposit(eve) resumed: the timer of its sleep fired at 0.100 s
            0.100 s main resumed: deposit(eve) finished at 0.100 s
            0.200 s deposit_locked(ann) resumed: the timer of its sleep fired at 0.200 s
            0.200 s deposit_locked(bob) resumed: deposit_locked(ann) released lock at 0.200 s
            0.300 s deposit_locked(bob) resumed: the timer of its sleep fired at 0.300 s
            0.300 s deposit_locked(cat) resumed: deposit_locked(bob) released lock at 0.300 s
            0.400 s deposit_locked(cat) resumed: the timer of its sleep fired at 0.400 s
            0.400 s deposit_locked(dan) resumed: deposit_locked(cat) released lock at 0.400 s
            0.500 s deposit_locked(dan) resumed: the timer of its sleep fired at 0.500 s
            0.500 s deposit_locked(eve) resumed: deposit_locked(dan) released lock at 0.500 s
            0.600 s deposit_locked(eve) resumed: the timer of its sleep fired at 0.600 s
            0.600 s main resumed: deposit_locked(eve) finished at 0.600 s
        "#]],
    );
}

#[test]
fn queue_getters_wake_on_puts_and_a_putter_on_a_get() {
    check(
        "gallery/queue.py",
        false,
        expect![[r#"
            0.500 s main resumed: the timer of its sleep fired at 0.500 s
            0.500 s worker(worker 1) resumed: main put an item in queue at 0.500 s
            1.000 s main resumed: the timer of its sleep fired at 1.000 s
            1.000 s worker(worker 2) resumed: main put an item in queue at 1.000 s
            1.500 s main resumed: the timer of its sleep fired at 1.500 s
            2.000 s main resumed: the timer of its sleep fired at 2.000 s
            2.500 s main resumed: the timer of its sleep fired at 2.500 s
            3.000 s worker(worker 1) resumed: the timer of its sleep fired at 3.000 s
            3.000 s main resumed: worker(worker 1) took an item from queue at 3.000 s
            3.500 s worker(worker 2) resumed: the timer of its sleep fired at 3.500 s
            5.500 s worker(worker 1) resumed: the timer of its sleep fired at 5.500 s
            6.000 s worker(worker 2) resumed: the timer of its sleep fired at 6.000 s
            8.000 s worker(worker 1) resumed: the timer of its sleep fired at 8.000 s
            8.000 s main resumed: worker(worker 1) called queue.task_done() at 8.000 s
            8.000 s worker(worker 1) cancelled: main cancelled it at 8.000 s
            8.000 s worker(worker 2) cancelled: main cancelled it at 8.000 s
        "#]],
    );
}

#[test]
fn a_cancel_is_delivered_where_the_task_waits() {
    check(
        "gallery/cancel-cleanup.py",
        false,
        expect![[r#"
        1.000 s task resumed: the timer of its sleep fired at 1.000 s
        2.000 s task resumed: the timer of its sleep fired at 2.000 s
        2.500 s main resumed: the timer of its sleep fired at 2.500 s
        2.500 s task cancelled: main cancelled it at 2.500 s
        3.000 s task resumed: the timer of its sleep fired at 3.000 s
        3.000 s main resumed: task was cancelled at 3.000 s
    "#]],
    );
}

#[test]
fn to_thread_waits_come_back_from_the_thread() {
    check(
        "gallery/to-thread.py",
        false,
        expect![[r#"
        0.500 s ticker() resumed: the timer of its sleep fired at 0.500 s
        1.000 s ticker() resumed: the timer of its sleep fired at 1.000 s
        1.500 s ticker() resumed: the timer of its sleep fired at 1.500 s
        2.000 s to_thread() resumed: its to_thread call came back from the worker thread
        2.000 s main resumed: to_thread() finished at 2.000 s
        3.000 s to_thread() resumed: its to_thread call came back from the worker thread
        3.000 s to_thread() resumed: its to_thread call came back from the worker thread
        3.000 s main resumed: to_thread() finished at 3.000 s
    "#]],
    );
}

#[test]
fn a_condition_wakes_its_waiters_on_notify() {
    check(
        "tests/corpus/asyncio_condition.py",
        false,
        expect![[r#"
        1.000 s producer() resumed: the timer of its sleep fired at 1.000 s
        1.000 s consumer(c1) resumed: producer() notified cond at 1.000 s
        2.000 s producer() resumed: the timer of its sleep fired at 2.000 s
        2.000 s consumer(c2) resumed: producer() notified cond at 2.000 s
        3.000 s producer() resumed: the timer of its sleep fired at 3.000 s
        3.000 s consumer(c3) resumed: producer() notified cond at 3.000 s
        3.000 s main resumed: consumer(c3) finished at 3.000 s
    "#]],
    );
}

#[test]
fn event_semaphore_wait_for() {
    check(
        "gallery/event.py",
        false,
        expect![[r#"
        2.000 s main resumed: the timer of its sleep fired at 2.000 s
        2.000 s runner(Ann) resumed: main set gun at 2.000 s
        2.000 s runner(Ben) resumed: main set gun at 2.000 s
        2.000 s runner(Cat) resumed: main set gun at 2.000 s
        2.000 s main resumed: runner(Cat) finished at 2.000 s
    "#]],
    );
    check(
        "gallery/semaphore.py",
        false,
        expect![[r#"
        1.000 s download(a.zip) resumed: the timer of its sleep fired at 1.000 s
        1.000 s download(c.zip) resumed: download(a.zip) released limit at 1.000 s
        2.000 s download(b.zip) resumed: the timer of its sleep fired at 2.000 s
        2.000 s download(d.zip) resumed: download(b.zip) released limit at 2.000 s
        2.000 s download(c.zip) resumed: the timer of its sleep fired at 2.000 s
        2.000 s download(e.zip) resumed: download(c.zip) released limit at 2.000 s
        2.500 s download(e.zip) resumed: the timer of its sleep fired at 2.500 s
        3.500 s download(d.zip) resumed: the timer of its sleep fired at 3.500 s
        3.500 s main resumed: download(d.zip) finished at 3.500 s
    "#]],
    );
    check(
        "gallery/wait-for.py",
        false,
        expect![[r#"
        1.000 s slow_answer(1) resumed: the timer of its sleep fired at 1.000 s
        1.000 s main resumed: slow_answer(1) finished at 1.000 s
        3.000 s main resumed: ?
        3.000 s slow_answer(5) cancelled: main cancelled it at 3.000 s
        3.000 s main resumed: slow_answer(5) was cancelled at 3.000 s
        4.000 s main resumed: the timer of its sleep fired at 4.000 s
        4.500 s main cancelled: it was cancelled at 4.500 s (by a timeout or the run ending, not by a task)
    "#]],
    );
    check(
        "tests/corpus/asyncio_sleep_zero_ordering.py",
        false,
        expect![[r#"
        0.000 s worker(A) resumed: it only gave up its turn (sleep(0)), so it was ready again at once
        0.000 s worker(B) resumed: it only gave up its turn (sleep(0)), so it was ready again at once
        0.000 s worker(C) resumed: it only gave up its turn (sleep(0)), so it was ready again at once
        0.000 s worker(A) resumed: it only gave up its turn (sleep(0)), so it was ready again at once
        0.000 s worker(B) resumed: it only gave up its turn (sleep(0)), so it was ready again at once
        0.000 s worker(A) resumed: it only gave up its turn (sleep(0)), so it was ready again at once
        0.000 s main resumed: worker(A) finished at 0.000 s
    "#]],
    );
    check(
        "tests/corpus/asyncio_gather_exception_propagates.py",
        false,
        expect![[r#"
        0.500 s slow(a) resumed: the timer of its sleep fired at 0.500 s
        1.000 s boom() resumed: the timer of its sleep fired at 1.000 s
        1.000 s main resumed: boom() failed at 1.000 s
        3.000 s slow(b) resumed: the timer of its sleep fired at 3.000 s
        4.000 s main resumed: the timer of its sleep fired at 4.000 s
    "#]],
    );
    check(
        "tests/corpus/asyncio_cancel_self.py",
        false,
        expect![[r#"
        0.000 s task cancelled: it cancelled itself at 0.000 s
        0.000 s main resumed: task was cancelled at 0.000 s
    "#]],
    );
}

/// Every Python program of the corpus and the gallery that compiles, run on the virtual clock.
fn every_program() -> Vec<(String, Vec<Event>)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut paths: Vec<_> = ["tests/corpus", "gallery"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(format!("{root}/{dir}")).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let run = run_virtual(&std::fs::read_to_string(&path).unwrap()).ok()?;
            Some((path.display().to_string(), run.events))
        })
        .collect()
}

#[test]
fn in_every_program_a_cause_came_before_the_resume_and_is_what_the_task_waited_for() {
    let programs = every_program();
    assert!(programs.len() > 200, "the corpus should be there: {}", programs.len());
    for (path, events) in &programs {
        for (i, event) in events.iter().enumerate() {
            let task = event.task;
            let cause = wake_cause(events, i);
            if !matches!(event.kind, EventKind::Started | EventKind::Resumed | EventKind::CancelDelivered { .. }) {
                assert_eq!(cause, None, "{path}: event {i} is no resumption");
                continue;
            }
            // What the task last waited in, before this resumption.
            let waited = events[..i].iter().rev().filter(|e| e.task == task).find_map(|e| match &e.kind {
                EventKind::Suspended { on, awaits, resource, due, .. } => Some((awaits, *resource, *due, on)),
                _ => None,
            });
            let Some(cause) = cause else {
                // Waits the log cannot explain yet: their wakers are not logged (a future's result
                // set, `task_done()`), or not as what is waited on (`asyncio.wait` and
                // `as_completed` list no tasks, `wait_for` no deadline).
                let on = waited.map_or("", |w| w.3.as_str());
                let unlogged = ["as_completed(", "wait(", "future", "queue.join()", "wait_for("];
                assert!(unlogged.iter().any(|u| on.starts_with(u)), "{path}: event {i} {event:?} after {on:?}");
                continue;
            };
            let whence = format!("{path}: event {i} {event:?}: {cause:?}");
            let earlier = |event: usize| assert!(event < i && events[event].at <= events[i].at, "{whence}");
            match &cause {
                Cause::Timer { due } => {
                    assert_eq!(waited.unwrap().2, Some(*due), "{whence}");
                    assert!(*due <= event.at, "{whence}");
                }
                Cause::TaskEnded { task: ended, event } => {
                    earlier(*event);
                    assert!(events[*event].task == *ended && events[*event].kind.is_final(), "{whence}");
                    assert!(waited.unwrap().0.contains(ended), "{whence}");
                }
                Cause::Resource { res, by, event, .. } => {
                    earlier(*event);
                    assert_eq!(waited.unwrap().1, Some(*res), "{whence}");
                    assert!(events[*event].task == *by && *by != task, "{whence}");
                }
                Cause::Cancelled { event, .. } => {
                    earlier(*event);
                    let request = &events[*event];
                    assert!(
                        matches!(request.kind, EventKind::CancelRequested { .. }) && request.task == task,
                        "{whence}"
                    );
                }
                Cause::Started { event, .. } => {
                    earlier(*event);
                    assert!(matches!(events[*event].kind, EventKind::Created { .. }) && events[*event].task == task);
                }
                Cause::NextTurn | Cause::Fetch | Cause::Thread => assert!(waited.is_some(), "{whence}"),
            }
        }
    }
}

#[test]
fn stepping_through_one_tasks_events() {
    let events = events_of("tests/corpus/chapter_gather.py");
    let task_a: Vec<usize> = (0..events.len()).filter(|&i| events[i].task == 1).collect();
    let mut forward = vec![];
    let mut at = 0;
    while let Some(next) = next_event_of(&events, 1, at) {
        forward.push(next);
        at = next;
    }
    assert_eq!(forward, task_a);
    let mut backward = vec![];
    let mut at = events.len();
    while let Some(previous) = previous_event_of(&events, 1, at) {
        backward.push(previous);
        at = previous;
    }
    backward.reverse();
    assert_eq!(backward, task_a);
    // From an event of another task, and past the end of a cut log.
    assert_eq!(next_event_of(&events, 2, task_a[0]), Some(task_a[0] + 1));
    assert_eq!(next_event_of(&events[..task_a[1]], 1, task_a[0]), None);
    assert_eq!(previous_event_of(&events, 0, 0), None);
    assert_eq!(previous_event_of(&events, 0, usize::MAX), Some(events.len() - 1));
}
