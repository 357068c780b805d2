//! The chapter's sections, run from their Python text by the interpreter (what the page runs), on
//! the virtual clock: every section in every mode, and with edited values, runs to its end as the
//! chapter says (its lanes, how each ended, its lines and total), and the event table names what
//! happened as the chapter writes it (`main()`, `say_hello('Alice', 2)`, `to_thread(cpu_work, 2)`).
//! The timelines themselves are tests/timeline_snapshots.rs; what CPython prints for the same
//! code is tests/cpython_check.rs.

use async_playground::report::event_table::{describe, task_names};
use async_playground::scenarios::{Scenario, ScenarioId};
use expect_test::{expect, Expect};

/// One line per run: section, mode, edits; how the run ended, its total, how many lines it
/// printed; then each lane with how it ended.
fn summary(scenario: &Scenario) -> String {
    let run = scenario.run_virtual();
    let ended = match &run.result {
        Some(Ok(_)) => "ok".to_string(),
        Some(Err(e)) => format!("raised {e}"),
        None => "did not end".to_string(),
    };
    let total = run.total.map_or("-".to_string(), |t| format!("{t} µs"));
    let timeline = run.timeline();
    let lanes: Vec<String> = timeline
        .lanes
        .iter()
        .map(|lane| format!("{}={}", lane.name, lane.outcome().map_or("?", |s| s.kind.name())))
        .collect();
    let shown = if lanes.len() > 6 {
        format!("{} … +{} more", lanes[..5].join(" "), lanes.len() - 5)
    } else {
        lanes.join(" ")
    };
    format!("{ended}, {total}, {} lines | {shown}", run.lines().len())
}

fn scenario(id: ScenarioId, mode: &str, values: &[(&str, f64)]) -> Scenario {
    let mut scenario = Scenario::new(id);
    if !mode.is_empty() {
        scenario.set_mode(mode).unwrap();
    }
    for (name, value) in values {
        scenario.set(name, *value).unwrap();
    }
    scenario
}

#[test]
fn every_section_in_every_mode_runs_to_its_end() {
    let mut out = String::new();
    // The gallery's programs have their own checks (tests/gallery.rs, the differential corpus).
    for id in ScenarioId::ALL.into_iter().filter(|id| !matches!(id, ScenarioId::Gallery(_))) {
        let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
        for mode in modes {
            out += &format!("{id:?} {mode}: {}\n", summary(&scenario(id, mode, &[])));
        }
    }
    check(
        &out,
        expect![[r#"
            Coroutine : ok, 2000000 µs, 4 lines | main=done
            SayHello concurrent: ok, 3000000 µs, 3 lines | main=done task1=done task2=done task3=done
            SayHello sequential: ok, 6000000 µs, 3 lines | main=done
            FetchUrls sequential: ok, 900002 µs, 6 lines | main=done
            FetchUrls concurrent: ok, 300002 µs, 5 lines | main=done fetch_url(python)=done fetch_url(github)=done fetch_url(torvalds)=done
            Gather : ok, 2000002 µs, 2 lines | main=done task_a()=done task_b()=done
            Background : ok, 10000002 µs, 3 lines | main=done task=cancelled
            ContextManager : ok, 1500002 µs, 4 lines | main=done
            CpuVsIo blocking: ok, 1000006 µs, 4 lines | main=done io1=done io2=done cpu=done
            CpuVsIo worker: ok, 1000004 µs, 4 lines | main=done io1=done io2=done cpu=done
            Stress : ok, 500002 µs, 2 lines | main=done worker(0)=done worker(1)=done worker(2)=done worker(3)=done … +96 more
            Code : ok, 1600000 µs, 5 lines | main=done count(A)=done count(B)=done
        "#]],
    );
}

/// A section, a mode and the values edited.
type Edit = (ScenarioId, &'static str, &'static [(&'static str, f64)]);

#[test]
fn edited_values_run_to_their_end() {
    let edits: &[Edit] = &[
        (ScenarioId::SayHello, "concurrent", &[("alice", 1.0), ("bob", 1.0)]),
        (ScenarioId::SayHello, "concurrent", &[("alice", 0.0), ("bob", 0.0), ("charlie", 0.0)]),
        (ScenarioId::SayHello, "sequential", &[("alice", 0.25), ("charlie", 4.5)]),
        (ScenarioId::Gather, "", &[("a", 3.0), ("b", 0.5)]),
        (ScenarioId::Background, "", &[("period", 3.0), ("main", 7.5)]),
        (ScenarioId::Background, "", &[("period", 5.0), ("main", 0.0)]),
        (ScenarioId::ContextManager, "", &[("acquire", 0.0), ("release", 2.0)]),
        (ScenarioId::CpuVsIo, "blocking", &[("work", 0.5), ("io1", 1.0)]),
        (ScenarioId::CpuVsIo, "worker", &[("work", 2.0), ("io2", 0.1)]),
        (ScenarioId::Stress, "", &[("n", 7.0), ("spread", 1.0)]),
        (ScenarioId::FetchUrls, "concurrent", &[("latency", 1.0), ("timeout", 0.5)]),
    ];
    let mut out = String::new();
    for (id, mode, values) in edits {
        out += &format!("{id:?} {mode} {values:?}: {}\n", summary(&scenario(*id, mode, values)));
    }
    check(
        &out,
        expect![[r#"
        SayHello concurrent [("alice", 1.0), ("bob", 1.0)]: ok, 3000000 µs, 3 lines | main=done task1=done task2=done task3=done
        SayHello concurrent [("alice", 0.0), ("bob", 0.0), ("charlie", 0.0)]: ok, 0 µs, 3 lines | main=done task1=done task2=done task3=done
        SayHello sequential [("alice", 0.25), ("charlie", 4.5)]: ok, 5750000 µs, 3 lines | main=done
        Gather  [("a", 3.0), ("b", 0.5)]: ok, 3000002 µs, 2 lines | main=done task_a()=done task_b()=done
        Background  [("period", 3.0), ("main", 7.5)]: ok, 7500002 µs, 4 lines | main=done task=cancelled
        Background  [("period", 5.0), ("main", 0.0)]: ok, 2 µs, 2 lines | main=done task=cancelled
        ContextManager  [("acquire", 0.0), ("release", 2.0)]: ok, 2000002 µs, 4 lines | main=done
        CpuVsIo blocking [("work", 0.5), ("io1", 1.0)]: ok, 1000003 µs, 4 lines | main=done io1=done io2=done cpu=done
        CpuVsIo worker [("work", 2.0), ("io2", 0.1)]: ok, 2000004 µs, 4 lines | main=done io1=done io2=done cpu=done
        Stress  [("n", 7.0), ("spread", 1.0)]: ok, 1000002 µs, 2 lines | main=done worker(0)=done worker(1)=done worker(2)=done worker(3)=done … +3 more
        FetchUrls concurrent [("latency", 1.0), ("timeout", 0.5)]: raised TimeoutError, 500001 µs, 1 lines | main=failed fetch_url(python)=failed fetch_url(github)=failed fetch_url(torvalds)=failed
    "#]],
    );
}

/// The event table's rows (who did what), without their times.
fn table(id: ScenarioId, mode: &str) -> String {
    let events = scenario(id, mode, &[]).run_virtual().events;
    let names = task_names(&events);
    events.iter().map(|e| describe(e, &names) + "\n").collect()
}

#[test]
fn the_event_table_names_calls_as_the_code_writes_them() {
    check(
        &table(ScenarioId::SayHello, "concurrent"),
        expect![[r#"
        created by asyncio.run: main()
        starts running
        created by main: say_hello('Alice', 2)
        created by main: say_hello('Bob', 1)
        created by main: say_hello('Charlie', 3)
        waits on gather(task1, task2, task3)
        starts running
        waits on sleep(2) (due at 2.000 s)
        starts running
        waits on sleep(1) (due at 1.000 s)
        starts running
        waits on sleep(3) (due at 3.000 s)
        resumes
        prints “Hello, Bob!”
        returns None
        resumes
        prints “Hello, Alice!”
        returns None
        resumes
        prints “Hello, Charlie!”
        returns None
        resumes
        returns None
    "#]],
    );
    check(
        &table(ScenarioId::CpuVsIo, "worker"),
        expect![[r#"
        created by asyncio.run: main()
        starts running
        created by main: io_task('io1', 0.3)
        created by main: io_task('io2', 0.6)
        created by main: crunch(1)
        waits on gather(io1, io2, cpu)
        starts running
        waits on sleep(0.3) (due at 0.300 s)
        starts running
        waits on sleep(0.6) (due at 0.600 s)
        starts running
        waits on to_thread(cpu_work, 1)
        resumes
        prints “io1 woke up at 0.30s (asked for 0.3s)”
        returns None
        resumes
        prints “io2 woke up at 0.60s (asked for 0.6s)”
        returns None
        resumes
        prints “CPU work done at 1.00s”
        returns None
        resumes
        prints “Time: 1.00s”
        returns None
    "#]],
    );
    check(
        &table(ScenarioId::FetchUrls, "sequential"),
        expect![[r#"
        created by asyncio.run: main()
        starts running
        prints “Synchronous style:”
        awaits fetch_url(session, 'https://api.github.com/users/python') directly (no new task: it runs inside this one)
        sends GET https://api.github.com/users/python
        waits on GET https://api.github.com/users/python
        gets the response's status and headers: 200 OK
        resumes
        reads the response body: 1,263 characters
        the directly awaited call returns
        prints “Fetched 1263 bytes from https://api.github.com/users/python”
        awaits fetch_url(session, 'https://api.github.com/users/github') directly (no new task: it runs inside this one)
        sends GET https://api.github.com/users/github
        waits on GET https://api.github.com/users/github
        gets the response's status and headers: 200 OK
        resumes
        reads the response body: 1,241 characters
        the directly awaited call returns
        prints “Fetched 1241 bytes from https://api.github.com/users/github”
        awaits fetch_url(session, 'https://api.github.com/users/torvalds') directly (no new task: it runs inside this one)
        sends GET https://api.github.com/users/torvalds
        waits on GET https://api.github.com/users/torvalds
        gets the response's status and headers: 200 OK
        resumes
        reads the response body: 1,223 characters
        the directly awaited call returns
        prints “Fetched 1223 bytes from https://api.github.com/users/torvalds”
        prints “Time: 0.90s”
        returns None
    "#]],
    );
}

fn check(actual: &str, expected: Expect) {
    expected.assert_eq(actual);
}

/// A person's code that does not compile runs as its error, never a panic.
#[test]
fn code_that_does_not_compile_raises_its_syntax_error() {
    let mut scenario = Scenario::new(ScenarioId::SayHello);
    scenario.code = Some("print('a'\n".to_string());
    let run = scenario.run_virtual();
    let failed = format!("{:?}", run.result);
    assert!(failed.contains("SyntaxError") && failed.contains("line 1"), "{failed}");
    scenario.code = Some("if True:\nprint(1)\n".to_string());
    let failed = format!("{:?}", scenario.run_virtual().result);
    assert!(failed.contains("IndentationError"), "{failed}");
}

/// A person's code gets CPython's warnings with its run (the page shows them in the console).
#[test]
fn a_coroutine_never_awaited_is_warned_about() {
    let mut scenario = Scenario::new(ScenarioId::Code);
    scenario.set_code(
        "import asyncio\n\nasync def main():\n    asyncio.sleep(1)\n    print('done')\n\nasyncio.run(main())\n",
    );
    let run = scenario.run_virtual();
    assert_eq!(run.lines(), ["done"]);
    assert_eq!(run.warnings, ["RuntimeWarning: coroutine 'sleep' was never awaited"]);
}

/// A person's program that never yields, or recurses forever, is stopped with a message naming
/// its line; the preview (which runs on every pause in typing) does not hang.
#[test]
fn a_program_that_never_yields_is_stopped_with_its_line() {
    for (code, expected) in [
        (
            "import asyncio\n\nasync def main():\n    while True:\n        pass\n\nasyncio.run(main())\n",
            "3000000 steps without an await",
        ),
        ("def f():\n    return f()\n\nf()\n", "RecursionError"),
    ] {
        let mut scenario = Scenario::new(ScenarioId::Code);
        scenario.set_code(code);
        let started = std::time::Instant::now();
        let run = scenario.run_virtual();
        let told = format!("{:?}", run.result);
        assert!(told.contains(expected), "{told}");
        eprintln!("{expected}: stopped after {:?}", started.elapsed());
    }
}

/// A task that catches CancelledError and awaits again forever: once the run is stopped (here by
/// the hour of virtual time), each await raises at once and never yields, so it is stopped after
/// a hundred of them, with a message, instead of printing millions of lines.
#[test]
fn a_task_that_swallows_every_cancel_is_stopped_once_the_run_is() {
    let code = "import asyncio\n\nasync def forever():\n    while True:\n        try:\n            await asyncio.sleep(1)\n        except asyncio.CancelledError:\n            print('ignored')\n\nasync def main():\n    asyncio.create_task(forever())\n    await asyncio.sleep(0.5)\n\nasyncio.run(main())\n";
    let mut scenario = Scenario::new(ScenarioId::Code);
    scenario.set_code(code);
    let run = scenario.run_virtual();
    let lines = run.lines();
    assert!(lines.len() < 200, "{} lines", lines.len());
    assert!(lines.iter().all(|l| l == "ignored"));
    let events = format!("{:?}", run.events.last());
    assert!(run.events.len() < 10_000, "{} events, last {events}", run.events.len());
}
