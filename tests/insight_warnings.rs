//! The warnings list (`insight::warnings`) on real programs: asyncio's own warnings at their
//! moment, a step that held the loop, a cancellation swallowed, the linter's findings shown when
//! their line first ran, and nothing at all for the gallery programs written right.
//!
//! After an intended change, review and accept the new snapshots with:
//!
//!     UPDATE_EXPECT=1 cargo test --test insight_warnings

use async_playground::engine::{secs_from_micros, Event, EventKind, Place, PyValue, WarningKind};
use async_playground::insight::lints::lint;
use async_playground::insight::warnings::{warnings, Warning};
use async_playground::python::run_virtual;
use async_playground::scenarios::gallery::GALLERY;
use expect_test::{expect, Expect};

fn gallery(name: &str) -> &'static str {
    GALLERY.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no gallery/{name}.py")).code
}

fn dump(list: &[Warning]) -> String {
    list.iter()
        .map(|w| {
            let task = w.task.map_or("-".to_string(), |t| t.to_string());
            let line = w.line.map_or("-".to_string(), |l| l.to_string());
            format!(
                "{:.6} s {} task {task} line {line} [{}]: {}\n",
                secs_from_micros(w.at),
                w.kind.as_str(),
                w.example,
                w.text
            )
        })
        .collect()
}

/// The warnings at the end of the program's run on the virtual clock.
fn check(source: &str, expect: Expect) {
    let events = run_virtual(source).expect("compiles").events;
    expect.assert_eq(&dump(&warnings(&events, events.len(), &lint(source))));
}

#[test]
fn time_sleep_in_a_task_is_a_slow_step_at_its_end_and_a_blocking_sleep_when_it_starts() {
    check(
        gallery("blocking-sleep"),
        expect![[r#"
            0.000003 s blocking-sleep task 2 line 15 [gallery-blocking-sleep]: Async functions should not call `time.sleep`
            1.500004 s slow-step task 2 line 15 [gallery-blocking-sleep]: Executing <Task finished name='Task-3' coro=<blocking_nap() done, defined at <playground>:14> result=None> took 1.500 seconds
        "#]],
    );
}

#[test]
fn a_slow_step_s_explanation_says_who_held_the_loop_and_how_long() {
    let source = gallery("blocking-sleep");
    let events = run_virtual(source).expect("compiles").events;
    let list = warnings(&events, events.len(), &lint(source));
    let slow = list.iter().find(|w| w.kind == WarningKind::SlowStep).expect("a slow step");
    assert!(slow.explain.starts_with("blocking_nap() ran for 1.500 s without reaching an await"), "{}", slow.explain);
    assert!(slow.explain.contains("asyncio.to_thread()"), "{}", slow.explain);
}

#[test]
fn a_moment_lists_only_what_has_happened_by_then() {
    let source = gallery("blocking-sleep");
    let events = run_virtual(source).expect("compiles").events;
    let lints = lint(source);
    let sleep =
        events.iter().position(|e| matches!(&e.kind, EventKind::CpuStarted { call } if call == "time.sleep(1.5)"));
    let sleep = sleep.expect("the blocking sleep");
    let kinds = |shown| warnings(&events, shown, &lints).iter().map(|w| w.kind).collect::<Vec<_>>();
    assert_eq!(kinds(sleep), []);
    // The sleep has started: the lint's line is running, and the step is not over yet.
    assert_eq!(kinds(sleep + 1), [WarningKind::BlockingSleep]);
    assert_eq!(kinds(events.len()), [WarningKind::BlockingSleep, WarningKind::SlowStep]);
}

#[test]
fn a_blocking_step_that_suspends_is_reported_where_the_task_is_stopped() {
    check(
        r#"import asyncio
import time

def crunch():
    time.sleep(0.25)  # a plain function: the lint does not flag it, the run does

async def blocker():
    crunch()
    await asyncio.sleep(0)
    return 1

async def ticker():
    await asyncio.sleep(0.01)

async def main():
    await asyncio.gather(blocker(), ticker())

await main()
"#,
        expect![[r#"
            0.250000 s slow-step task 1 line 9 [gallery-blocking-sleep]: Executing <Task pending name='Task-2' coro=<blocker() running at <playground>:9>> took 0.250 seconds
        "#]],
    );
}

#[test]
fn a_failing_step_and_a_short_one() {
    check(
        r#"import asyncio
import time

async def fails():
    time.sleep(0.2)
    raise ValueError("boom")

async def quick():
    time.sleep(0.05)  # under 100 ms: not slow, but still a blocking sleep

async def main():
    try:
        await asyncio.gather(fails(), quick())
    except ValueError:
        pass

await main()
"#,
        expect![[r#"
            0.000000 s blocking-sleep task 1 line 5 [gallery-blocking-sleep]: Async functions should not call `time.sleep`
            0.200000 s slow-step task 1 line 5 [gallery-blocking-sleep]: Executing <Task finished name='Task-2' coro=<fails() done, defined at <playground>:4> exception=ValueError('boom')> took 0.200 seconds
            0.200000 s blocking-sleep task 2 line 9 [gallery-blocking-sleep]: Async functions should not call `time.sleep`
        "#]],
    );
}

#[test]
fn a_plain_script_has_no_loop_to_block() {
    check("import time\nprint('a')\ntime.sleep(0.5)\nprint('b')\n", expect![[""]]);
}

#[test]
fn a_coroutine_never_awaited_is_reported_at_its_line_when_it_is_dropped() {
    check(
        gallery("forgot-await"),
        expect![[r#"
            0.000001 s never-awaited task 0 line 14 [gallery-forgot-await]: RuntimeWarning: coroutine 'save' was never awaited
        "#]],
    );
}

#[test]
fn a_task_exception_never_retrieved_is_reported_at_the_end() {
    check(
        r#"import asyncio

async def broken():
    raise ValueError("nobody hears this")

async def main():
    task = asyncio.create_task(broken())
    await asyncio.sleep(1)

await main()
"#,
        expect![[r#"
            1.000000 s never-retrieved task 1 line 4 [gallery-fire-and-forget]: Task exception was never retrieved
        "#]],
    );
}

#[test]
fn dropped_tasks_are_flagged_when_they_are_created() {
    check(
        gallery("fire-and-forget"),
        expect![[r#"
            0.000001 s dangling-task task 0 line 15 [gallery-fire-and-forget]: Store a reference to the return value of `asyncio.create_task`
            0.000001 s dangling-task task 0 line 16 [gallery-fire-and-forget]: Store a reference to the return value of `asyncio.create_task`
        "#]],
    );
}

#[test]
fn a_swallowed_cancellation_is_reported_once_when_the_task_goes_on() {
    // Found both by the linter (the handler has no raise) and in the run (the task awaited again
    // after the timeout's CancelledError): one warning, at the run's moment, at the handler.
    check(
        gallery("swallowed-cancel"),
        expect![[r#"
            1.500002 s swallowed-cancel task 0 line 14 [gallery-swallowed-cancel]: CancelledError was caught and not raised again: Task-1 went on running
        "#]],
    );
}

#[test]
fn a_task_that_returns_after_cancel_swallowed_it_even_when_the_linter_cannot_tell() {
    check(
        r#"import asyncio

async def stubborn(strict):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        if strict:
            raise
        return "ignored"

async def main():
    task = asyncio.create_task(stubborn(False))
    await asyncio.sleep(1)
    task.cancel()
    print(await task)

await main()
"#,
        expect![[r#"
            1.000000 s swallowed-cancel task 1 line 5 [gallery-swallowed-cancel]: CancelledError was caught and not raised again: Task-2 returned instead of being cancelled
        "#]],
    );
}

#[test]
fn a_task_that_swallows_every_cancellation_is_reported_once() {
    let source = r#"import asyncio

async def stubborn():
    for step in range(3):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            pass

async def main():
    task = asyncio.create_task(stubborn())
    for _ in range(2):
        await asyncio.sleep(0.5)
        task.cancel()
        await asyncio.sleep(0.6)
    await task

await main()
"#;
    let events = run_virtual(source).expect("compiles").events;
    let delivered = events.iter().filter(|e| matches!(e.kind, EventKind::CancelDelivered { .. })).count();
    assert_eq!(delivered, 2);
    expect![[r#"
        0.500000 s swallowed-cancel task 1 line 7 [gallery-swallowed-cancel]: CancelledError was caught and not raised again: Task-2 went on running
    "#]]
    .assert_eq(&dump(&warnings(&events, events.len(), &lint(source))));
}

#[test]
fn awaiting_in_a_loop_is_flagged_when_the_loop_first_waits() {
    check(
        r#"import asyncio

async def fetch(n):
    await asyncio.sleep(0.5)
    return n

async def main():
    results = []
    for n in range(3):
        results.append(await fetch(n))  # not flagged: not a plain await statement
    await asyncio.sleep(1)
    for n in range(3):
        value = await fetch(n)
    print(await asyncio.gather(*(fetch(n) for n in range(3))))

await main()
"#,
        expect![[r#"
            2.500000 s sequential-await task 0 line 13 [fetch-urls]: `await fetch(…)` in a loop: each call starts only after the previous one has finished
        "#]],
    );
}

#[test]
fn a_finding_whose_line_never_ran_is_listed_from_the_start() {
    check(
        r#"import asyncio
import time

async def never_called():
    time.sleep(1)

async def main():
    await asyncio.sleep(0.1)

await main()
"#,
        expect![[r#"
            0.000000 s blocking-sleep task - line 5 [gallery-blocking-sleep]: Async functions should not call `time.sleep`
        "#]],
    );
}

#[test]
fn the_gallery_programs_written_right_warn_of_nothing() {
    for program in &GALLERY {
        let events = run_virtual(program.code).expect("compiles").events;
        let found = warnings(&events, events.len(), &lint(program.code));
        let kinds: Vec<&str> = found.iter().map(|w| w.kind.as_str()).collect();
        let expected: &[&str] = match program.name {
            "blocking-sleep" => &["blocking-sleep", "slow-step"],
            "forgot-await" => &["never-awaited"],
            "fire-and-forget" => &["dangling-task", "dangling-task"],
            "swallowed-cancel" => &["swallowed-cancel"],
            // cancel-cleanup awaits its cleanup and raises; wait-for and taskgroup are cancelled by
            // a timeout or their group and catch what it turns the cancellation into.
            _ => &[],
        };
        assert_eq!(kinds, expected, "{}:\n{}", program.name, dump(&found));
        for w in &found {
            assert!(!w.explain.is_empty() && !w.example.is_empty(), "{w:?}");
            let section = async_playground::scenarios::ScenarioId::from_id(w.example);
            assert!(section.is_some(), "{} is not a section", w.example);
        }
    }
}

/// A log (written by hand: the interpreter's runs always end their tasks) where the top-level
/// code ended and one task never did.
fn pending_at_the_end() -> Vec<Event> {
    let at = |at, task, kind| Event { at, task, kind };
    let stack = vec![Place { function: "worker".into(), line: 7 }];
    vec![
        at(0, 0, EventKind::Created { name: "main".into(), coro: "main()".into(), parent: None }),
        at(0, 0, EventKind::Started),
        at(0, 1, EventKind::Created { name: "worker()".into(), coro: "worker()".into(), parent: Some(0) }),
        at(0, 1, EventKind::Started),
        at(
            0,
            1,
            EventKind::Suspended { on: "event.wait()".into(), due: None, awaits: vec![], resource: Some(0), stack },
        ),
        at(10, 0, EventKind::Returned { value: PyValue::None }),
    ]
}

#[test]
fn a_task_still_pending_when_the_run_is_over_was_destroyed() {
    let events = pending_at_the_end();
    expect![[r#"
        0.000010 s destroyed-pending task 1 line 7 [gallery-fire-and-forget]: Task was destroyed but it is pending!
    "#]]
    .assert_eq(&dump(&warnings(&events, events.len(), &[])));
    // Not before the end: the task may still finish.
    assert_eq!(warnings(&events, events.len() - 1, &[]), vec![]);
}

#[test]
fn thousands_of_tasks_sleeping_warn_of_nothing_at_any_moment() {
    use async_playground::scenarios::{Scenario, ScenarioId};
    let mut scenario = Scenario::new(ScenarioId::Stress);
    scenario.set("n", 10_000.0).unwrap();
    let events = scenario.run_virtual().events;
    let lints = lint(&scenario.python_text());
    assert!(events.len() > 40_000, "{} events", events.len());
    // The page asks at every moment it shows: the whole log is scanned each time.
    let started = std::time::Instant::now();
    for shown in [0, events.len() / 2, events.len()] {
        assert_eq!(warnings(&events, shown, &lints), vec![]);
    }
    eprintln!("3 moments of {} events: {:?}", events.len(), started.elapsed());
}
