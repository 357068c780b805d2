//! Per-task figures (`insight::stats`) of real programs at their end and mid-run, and the rule that
//! holds at every moment of every corpus program: busy + scheduled + idle = lifetime.
//!
//! After an intended change, review and accept the new tables with
//!
//!     UPDATE_EXPECT=1 cargo test --test insight_stats
#![cfg(not(target_arch = "wasm32"))]

use async_playground::engine::{Event, EventKind, Micros, SegmentKind, TaskId, Timeline};
use async_playground::insight::stats::{stats_text, task_stats, TaskStats};
use async_playground::python::run_virtual;
use async_playground::report::moment::Moment;
use expect_test::{expect, Expect};

fn events_of(path: &str) -> Vec<Event> {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    run_virtual(&source).unwrap_or_else(|e| panic!("{path}: {}", e.message)).events
}

fn at_end(events: &[Event]) -> Vec<TaskStats> {
    task_stats(events, events.len(), events.last().map_or(0, |e| e.at))
}

fn check_end(path: &str, expect: Expect) {
    expect.assert_eq(&stats_text(&at_end(&events_of(path))));
}

/// The first moment event `index` has happened.
fn after(events: &[Event], index: usize) -> Vec<TaskStats> {
    task_stats(events, index + 1, events[index].at)
}

fn by_task(stats: &[TaskStats], task: TaskId) -> &TaskStats {
    stats.iter().find(|s| s.task == task).unwrap_or_else(|| panic!("no task {task} in {stats:?}"))
}

#[test]
fn the_chapters_gather_waits_two_seconds_and_runs_microseconds() {
    check_end(
        "tests/corpus/chapter_gather.py",
        expect![[r#"
            task        state  steps     busy  scheduled     idle  longest step
            0 main      done       2  0.000 s    0.000 s  2.000 s       0.000 s
            1 task_a()  done       2  0.000 s    0.000 s  1.000 s       0.000 s
            2 task_b()  done       2  0.000 s    0.000 s  2.000 s       0.000 s
        "#]],
    );
}

#[test]
fn a_blocking_sleep_is_busy_time_and_makes_the_ticker_wait_for_its_turn() {
    let events = events_of("gallery/blocking-sleep.py");
    check_end(
        "gallery/blocking-sleep.py",
        expect![[r#"
            task              state  steps     busy  scheduled     idle  longest step
            0 main            done       3  0.000 s    0.000 s  5.000 s       0.000 s
            1 ticker()        done       5  0.000 s    1.000 s  2.000 s       0.000 s
            2 blocking_nap()  done       1  1.500 s    0.000 s  0.000 s       1.500 s
            3 ticker()        done       5  0.000 s    0.000 s  2.000 s       0.000 s
            4 polite_nap()    done       2  0.000 s    0.000 s  1.500 s       0.000 s
        "#]],
    );
    // Mid-way through `time.sleep(1.5)`: the ticker's sleep(0.5) is due, but the loop is held.
    let at = 1_000_000;
    let moment = Moment::at_time(&events, at);
    let stats = task_stats(&events, moment.shown, at);
    expect![[r#"
        task              state    steps     busy  scheduled     idle  longest step
        0 main            waiting      1  0.000 s    0.000 s  1.000 s       0.000 s
        1 ticker()        ready        1  0.000 s    0.500 s  0.500 s       0.000 s
        2 blocking_nap()  running      1  1.000 s    0.000 s  0.000 s       1.000 s
    "#]]
    .assert_eq(&stats_text(&stats));
    let ticker = &stats[1];
    let (suspended, due) = events[..moment.shown]
        .iter()
        .find_map(|e| match e.kind {
            EventKind::Suspended { due: Some(due), .. } if e.task == 1 => Some((e.at, due)),
            _ => None,
        })
        .unwrap();
    assert_eq!((ticker.state, ticker.idle, ticker.scheduled), ("ready", due - suspended, at - due));
    assert_eq!(stats[2].state, "running");
    assert_eq!(stats[2].longest_step, stats[2].busy, "one turn so far, the blocking one");
    // At the end, the ticker was ready all the time the nap held the loop after its due.
    let nap_end = events.iter().find(|e| e.task == 2 && e.kind.is_final()).unwrap().at;
    assert_eq!(by_task(&at_end(&events), 1).scheduled, nap_end - due);
}

#[test]
fn lock_waiters_wait_idle_and_only_the_first_is_ready_after_a_release() {
    let events = events_of("gallery/lock.py");
    check_end(
        "gallery/lock.py",
        expect![[r#"
            task                    state  steps     busy  scheduled     idle  longest step
            0 main                  done       3  0.000 s    0.000 s  0.600 s       0.000 s
            1 deposit(ann)          done       2  0.000 s    0.000 s  0.100 s       0.000 s
            2 deposit(bob)          done       2  0.000 s    0.000 s  0.100 s       0.000 s
            3 deposit(cat)          done       2  0.000 s    0.000 s  0.100 s       0.000 s
            4 deposit(dan)          done       2  0.000 s    0.000 s  0.100 s       0.000 s
            5 deposit(eve)          done       2  0.000 s    0.000 s  0.100 s       0.000 s
            6 deposit_locked(ann)   done       2  0.000 s    0.000 s  0.100 s       0.000 s
            7 deposit_locked(bob)   done       3  0.000 s    0.000 s  0.200 s       0.000 s
            8 deposit_locked(cat)   done       3  0.000 s    0.000 s  0.300 s       0.000 s
            9 deposit_locked(dan)   done       3  0.000 s    0.000 s  0.400 s       0.000 s
            10 deposit_locked(eve)  done       3  0.000 s    0.000 s  0.500 s       0.000 s
        "#]],
    );
    // Step to the first release: the first waiter (task 7) is ready, the three behind it still wait.
    let release = events
        .iter()
        .position(|e| matches!(&e.kind, EventKind::ResourceChanged { op, .. } if op == "release"))
        .unwrap();
    let stats = after(&events, release);
    let states: Vec<_> = (7..=10).map(|t| by_task(&stats, t).state).collect();
    assert_eq!(states, ["ready", "waiting", "waiting", "waiting"]);
    assert_eq!(by_task(&stats, 6).state, "running");
    // Once it has taken its turn, the release is used up: the others still wait.
    let turn = release + events[release..].iter().position(|e| e.task == 7).unwrap();
    assert!(matches!(events[turn].kind, EventKind::Resumed));
    let stats = after(&events, turn);
    let states: Vec<_> = (7..=10).map(|t| by_task(&stats, t).state).collect();
    assert_eq!(states, ["running", "waiting", "waiting", "waiting"]);
}

#[test]
fn a_queue_run() {
    check_end(
        "gallery/queue.py",
        expect![[r#"
        task                state      steps     busy  scheduled     idle  longest step
        0 main              done           8  0.000 s    0.000 s  8.000 s       0.000 s
        1 worker(worker 1)  cancelled      6  0.000 s    0.000 s  8.000 s       0.000 s
        2 worker(worker 2)  cancelled      5  0.000 s    0.000 s  8.000 s       0.000 s
    "#]],
    );
}

#[test]
fn a_cancelled_task_is_ready_from_the_cancel_request() {
    let events = events_of("gallery/cancel-cleanup.py");
    check_end(
        "gallery/cancel-cleanup.py",
        expect![[r#"
        task    state      steps     busy  scheduled     idle  longest step
        0 main  done           3  0.000 s    0.000 s  3.000 s       0.000 s
        1 task  cancelled      5  0.000 s    0.000 s  3.000 s       0.000 s
    "#]],
    );
    let request = events.iter().position(|e| matches!(e.kind, EventKind::CancelRequested { .. })).unwrap();
    assert_eq!(after(&events, request - 1)[1].state, "waiting");
    assert_eq!(after(&events, request)[1].state, "ready");
}

#[test]
fn to_thread_tasks_wait_idle_while_the_thread_works() {
    check_end(
        "gallery/to-thread.py",
        expect![[r#"
        task           state  steps     busy  scheduled     idle  longest step
        0 main         done       3  0.000 s    0.000 s  3.000 s       0.000 s
        1 to_thread()  done       2  0.000 s    0.000 s  2.000 s       0.000 s
        2 ticker()     done       4  0.000 s    0.000 s  1.500 s       0.000 s
        3 to_thread()  done       2  0.000 s    0.000 s  1.000 s       0.000 s
        4 to_thread()  done       2  0.000 s    0.000 s  1.000 s       0.000 s
    "#]],
    );
}

#[test]
fn a_task_is_ready_from_its_creation_to_its_first_turn() {
    let events = events_of("tests/corpus/chapter_gather.py");
    let created = events.iter().position(|e| e.task == 1).unwrap();
    let stats = after(&events, created);
    assert_eq!(stats.len(), 2, "task_b is not created yet");
    assert_eq!((stats[1].state, stats[1].steps, stats[1].lifetime), ("ready", 0, 0));
    // A moment later in time with no new event: still ready, and it all counts as scheduled.
    let later = task_stats(&events, created + 1, events[created].at + 7);
    assert_eq!((later[1].scheduled, later[1].lifetime), (7, 7));
}

/// The corpus and the gallery, run on the virtual clock (programs that do not compile are left out).
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

/// At most about `limit` moments of a run: after each event (or a sample of them), and between two
/// events in time.
fn moments(events: &[Event], limit: usize) -> Vec<(usize, Micros)> {
    let stride = (events.len() / limit).max(1);
    let mut out = vec![(0, 0)];
    for shown in (1..=events.len()).step_by(stride).chain([events.len()]) {
        let at = events[shown - 1].at;
        out.push((shown, at));
        if let Some(next) = events.get(shown) {
            out.push((shown, at + (next.at - at) / 2));
        }
    }
    out
}

#[test]
fn at_every_moment_of_every_program_busy_scheduled_and_idle_make_up_the_lifetime() {
    let programs = every_program();
    assert!(programs.len() > 200, "the corpus should be there: {}", programs.len());
    for (path, events) in &programs {
        let mut before: Vec<TaskStats> = Vec::new();
        for (shown, at) in moments(events, 200) {
            let stats = task_stats(events, shown, at);
            let timeline = Timeline::from_events(&events[..shown], Some(at));
            assert_eq!(stats.len(), timeline.lanes.len(), "{path} at {shown}");
            for (s, lane) in stats.iter().zip(&timeline.lanes) {
                let whence = format!("{path}, task {} at event {shown}, {at} µs: {s:?}", s.task);
                assert_eq!(s.busy + s.scheduled + s.idle, s.lifetime, "{whence}");
                assert!(s.longest_step <= s.busy, "{whence}");
                // The timeline draws the same life: its running and CPU pieces are the busy time,
                // and a sleep due but not run yet (late) or a first turn not come yet is scheduled.
                let sum = |pick: fn(&SegmentKind) -> bool| -> Micros {
                    lane.segments.iter().filter(|g| pick(&g.kind)).map(|g| g.end - g.start).sum()
                };
                assert_eq!(s.busy, sum(|k| matches!(k, SegmentKind::Running | SegmentKind::Cpu { .. })), "{whence}");
                assert!(s.scheduled >= sum(|k| matches!(k, SegmentKind::Ready | SegmentKind::Late { .. })), "{whence}");
                if let Some(ended) = lane.ended {
                    assert_eq!(s.lifetime, ended - lane.created, "{whence}");
                }
                // Later moments only add to a task's figures.
                if let Some(b) = before.get(s.task) {
                    let grew = s.busy >= b.busy && s.scheduled >= b.scheduled && s.idle >= b.idle && s.steps >= b.steps;
                    assert!(grew, "{whence}\nbefore: {b:?}");
                }
            }
            before = stats;
        }
    }
}
