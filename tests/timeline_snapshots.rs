//! Snapshots of every scenario's ASCII timeline, so any scheduling change shows up as a diff.
//!
//! Who runs when, waits, is late (the loop was busy), and how each task ends: each snapshot was
//! checked by hand against what CPython does (tests/cpython_check.rs checks the printed lines).
//!
//! Data-driven, in the style of rust-analyzer's `check(input, expect![[...]])`. After an intended
//! change, review and accept the new snapshots with:
//!
//!     UPDATE_EXPECT=1 cargo test --test timeline_snapshots
//!
//! Legend (see `Timeline::to_ascii`): `=` running, `~` waiting, `%` due but late (the loop was
//! busy), `#` CPU-bound, `-` queued, then `D` done, `X` cancelled, `!` failed.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::scenarios::{Scenario, ScenarioId};
use expect_test::{expect, Expect};

/// Runs `id` in `mode` ("" = the default mode) with `values` edited, on the virtual clock, and
/// compares its ASCII timeline (plus how the run ended) with `expect`.
fn check(id: ScenarioId, mode: &str, values: &[(&str, f64)], expect: Expect) {
    let mut scenario = Scenario::new(id);
    if !mode.is_empty() {
        scenario.set_mode(mode).unwrap();
    }
    for &(name, value) in values {
        scenario.set(name, value).unwrap();
    }
    let run = scenario.run_virtual();
    let header = format!("{:?}, total {:?} µs\n", run.outcome, run.total);
    expect.assert_eq(&(header + &run.timeline().to_ascii()));
}

// ---- every scenario and mode at the defaults ----------------------------------------------------

#[test]
fn coroutine() {
    check(
        ScenarioId::Coroutine,
        "",
        &[],
        expect![[r#"
        Idle, total Some(2000000) µs
             0s                  1s                  2s
             |...................|...................|.
        main ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 2.000s
           0.000s  main  <coroutine object fetch_data at 0x107d12f80>
           0.000s  main  Starting to fetch...
           2.000s  main  Data fetched!
           2.000s  main  {'data': 'example'}
    "#]],
    );
}

#[test]
fn say_hello_concurrent() {
    check(
        ScenarioId::SayHello,
        "concurrent",
        &[],
        expect![[r#"
        Idle, total Some(3000000) µs
              0s                  1s                  2s                  3s
              |...................|...................|...................|.
        main  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 3.000s
        task1 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D                       done 2.000s
        task2 ~~~~~~~~~~~~~~~~~~~~D                                           done 1.000s
        task3 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 3.000s
           1.000s  task2  Hello, Bob!
           2.000s  task1  Hello, Alice!
           3.000s  task3  Hello, Charlie!
    "#]],
    );
}

#[test]
fn say_hello_sequential() {
    check(
        ScenarioId::SayHello,
        "sequential",
        &[],
        expect![[r#"
        Idle, total Some(6000000) µs
             0s        1s        2s        3s        4s        5s        6s
             |.........|.........|.........|.........|.........|.........|.
        main ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 6.000s
           2.000s  main  Hello, Alice!
           3.000s  main  Hello, Bob!
           6.000s  main  Hello, Charlie!
    "#]],
    );
}

#[test]
fn fetch_urls_sequential() {
    check(
        ScenarioId::FetchUrls,
        "sequential",
        &[],
        expect![[r#"
            Idle, total Some(900002) µs
                                  0s
                                  |.....................................
            main                  =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.900s
            ↳ fetch_url(python)   ~~~~~~~~~~~~D                           returned 0.300s
            ↳ fetch_url(github)               ~~~~~~~~~~~~D               returned 0.600s
            ↳ fetch_url(torvalds)                         ~~~~~~~~~~~~D   returned 0.900s
               0.000s  main                   Synchronous style:
               0.300s  main                   Fetched 1263 bytes from https://api.github.com/users/python
               0.600s  main                   Fetched 1241 bytes from https://api.github.com/users/github
               0.900s  main                   Fetched 1223 bytes from https://api.github.com/users/torvalds
               0.900s  main                   Time: 0.90s

        "#]],
    );
}

#[test]
fn fetch_urls_concurrent() {
    check(
        ScenarioId::FetchUrls,
        "concurrent",
        &[],
        expect![[r#"
            Idle, total Some(300002) µs
                                0s
                                |...............................
            main                =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.300s
            fetch_url(python)   ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.300s
            fetch_url(github)   ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.300s
            fetch_url(torvalds) ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.300s
               0.000s  main                 Asynchronous style:
               0.300s  main                 Fetched 1263 bytes from https://api.github.com/users/python
               0.300s  main                 Fetched 1241 bytes from https://api.github.com/users/github
               0.300s  main                 Fetched 1223 bytes from https://api.github.com/users/torvalds
               0.300s  main                 Time: 0.30s
        "#]],
    );
}

#[test]
fn gather() {
    check(
        ScenarioId::Gather,
        "",
        &[],
        expect![[r#"
            Idle, total Some(2000002) µs
                     0s                  1s                  2s
                     |...................|...................|.
            main     =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 2.000s
            task_a() ~~~~~~~~~~~~~~~~~~~~D                       done 1.000s
            task_b() ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 2.000s
               2.000s  main      ['Result A', 'Result B']
               2.000s  main      Time: 2.00s
        "#]],
    );
}

#[test]
fn background() {
    check(
        ScenarioId::Background,
        "",
        &[],
        expect![[r#"
            Idle, total Some(10000002) µs
                 0s  1s  2s  3s  4s  5s  6s  7s  8s  9s  10s
                 |...|...|...|...|...|...|...|...|...|...|.
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 10.000s
            task ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~X   cancelled 10.000s in sleep(5)
               0.000s  task  Background work...
               5.000s  task  Background work...
              10.000s  main  Time: 10.00s
        "#]],
    );
}

#[test]
fn context_manager() {
    check(
        ScenarioId::ContextManager,
        "",
        &[],
        expect![[r#"
            Idle, total Some(1500002) µs
                 0s                                      1s
                 |.......................................|.....................
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 1.500s
               0.000s  main  Acquiring resource...
               1.000s  main  Using resource
               1.000s  main  Releasing resource...
               1.500s  main  Time: 1.50s
        "#]],
    );
}

#[test]
fn cpu_vs_io_blocking() {
    check(
        ScenarioId::CpuVsIo,
        "blocking",
        &[],
        expect![[r#"
            Idle, total Some(1000006) µs
                 0s                                      1s
                 |.......................................|.
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 1.000s
            io1  ~~~~~~~~~~~~%%%%%%%%%%%%%%%%%%%%%%%%%%%%D   done 1.000s
            io2  ~~~~~~~~~~~~~~~~~~~~~~~~%%%%%%%%%%%%%%%%D   done 1.000s
            cpu  ########################################D   done 1.000s
               1.000s  cpu   CPU work done at 1.00s
               1.000s  io1   io1 woke up at 1.00s (asked for 0.3s)
               1.000s  io2   io2 woke up at 1.00s (asked for 0.6s)
               1.000s  main  Time: 1.00s
        "#]],
    );
}

#[test]
fn cpu_vs_io_worker() {
    check(
        ScenarioId::CpuVsIo,
        "worker",
        &[],
        expect![[r#"
            Idle, total Some(1000004) µs
                 0s                                      1s
                 |.......................................|.
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 1.000s
            io1  ~~~~~~~~~~~~D                               done 0.300s
            io2  ~~~~~~~~~~~~~~~~~~~~~~~~D                   done 0.600s
            cpu  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 1.000s
               0.300s  io1   io1 woke up at 0.30s (asked for 0.3s)
               0.600s  io2   io2 woke up at 0.60s (asked for 0.6s)
               1.000s  cpu   CPU work done at 1.00s
               1.000s  main  Time: 1.00s
        "#]],
    );
}

/// Beyond the chapter: n tasks. Its default (100 tasks, 100 lanes) is too long to review as a
/// snapshot; 5 tasks show the same shape.
#[test]
fn many_tasks() {
    check(
        ScenarioId::Stress,
        "",
        &[("n", 5.0)],
        expect![[r#"
            Idle, total Some(500002) µs
                      0s
                      |...................................................
            main      =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.500s
            worker(0) D                                                     done 0.000s
            worker(1) ~~~~~~~~~~~~D                                         done 0.125s
            worker(2) ~~~~~~~~~~~~~~~~~~~~~~~~~D                            done 0.250s
            worker(3) ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D                done 0.375s
            worker(4) ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.500s
               0.500s  main       5 tasks finished; results in order: [0, 1, 2] ... 4
               0.500s  main       Time: 0.50s
        "#]],
    );
}

// ---- edited values ------------------------------------------------------------------------------

/// A tie: both timers are due at 1 s; Alice's was scheduled first, so she speaks first.
#[test]
fn say_hello_tie() {
    check(
        ScenarioId::SayHello,
        "concurrent",
        &[("alice", 1.0), ("bob", 1.0)],
        expect![[r#"
        Idle, total Some(3000000) µs
              0s                  1s                  2s                  3s
              |...................|...................|...................|.
        main  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 3.000s
        task1 ~~~~~~~~~~~~~~~~~~~~D                                           done 1.000s
        task2 ~~~~~~~~~~~~~~~~~~~~D                                           done 1.000s
        task3 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 3.000s
           1.000s  task1  Hello, Alice!
           1.000s  task2  Hello, Bob!
           3.000s  task3  Hello, Charlie!
    "#]],
    );
}

/// Swapped: Alice is now the quickest.
#[test]
fn say_hello_swapped() {
    check(
        ScenarioId::SayHello,
        "concurrent",
        &[("alice", 1.0), ("bob", 2.0)],
        expect![[r#"
        Idle, total Some(3000000) µs
              0s                  1s                  2s                  3s
              |...................|...................|...................|.
        main  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 3.000s
        task1 ~~~~~~~~~~~~~~~~~~~~D                                           done 1.000s
        task2 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D                       done 2.000s
        task3 ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 3.000s
           1.000s  task1  Hello, Alice!
           2.000s  task2  Hello, Bob!
           3.000s  task3  Hello, Charlie!
    "#]],
    );
}

/// Zero delays: each task yields once (sleep(0)) and they greet in creation order.
#[test]
fn say_hello_zero_delays() {
    check(
        ScenarioId::SayHello,
        "concurrent",
        &[("alice", 0.0), ("bob", 0.0), ("charlie", 0.0)],
        expect![[r#"
            Idle, total Some(0) µs
                  0s
                  |.
            main  D   done 0.000s
            task1 D   done 0.000s
            task2 D   done 0.000s
            task3 D   done 0.000s
               0.000s  task1  Hello, Alice!
               0.000s  task2  Hello, Bob!
               0.000s  task3  Hello, Charlie!
        "#]],
    );
}

/// Results keep argument order although task_b finishes first.
#[test]
fn gather_swapped() {
    check(
        ScenarioId::Gather,
        "",
        &[("a", 2.0), ("b", 1.0)],
        expect![[r#"
            Idle, total Some(2000002) µs
                     0s                  1s                  2s
                     |...................|...................|.
            main     =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 2.000s
            task_a() ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 2.000s
            task_b() ~~~~~~~~~~~~~~~~~~~~D                       done 1.000s
               2.000s  main      ['Result A', 'Result B']
               2.000s  main      Time: 2.00s
        "#]],
    );
}

/// Four prints (0, 3, 6, 9 s), cancelled in its fourth sleep at 10 s.
#[test]
fn background_period_3() {
    check(
        ScenarioId::Background,
        "",
        &[("period", 3.0), ("main", 10.0)],
        expect![[r#"
            Idle, total Some(10000002) µs
                 0s  1s  2s  3s  4s  5s  6s  7s  8s  9s  10s
                 |...|...|...|...|...|...|...|...|...|...|.
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 10.000s
            task ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~X   cancelled 10.000s in sleep(3)
               0.000s  task  Background work...
               3.000s  task  Background work...
               6.000s  task  Background work...
               9.000s  task  Background work...
              10.000s  main  Time: 10.00s
        "#]],
    );
}

/// A tie at 5 s: main's timer was scheduled first, so the task is cancelled before its third print.
#[test]
fn background_tie_at_5() {
    check(
        ScenarioId::Background,
        "",
        &[("period", 2.5), ("main", 5.0)],
        expect![[r#"
            Idle, total Some(5000002) µs
                 0s        1s        2s        3s        4s        5s
                 |.........|.........|.........|.........|.........|.
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 5.000s
            task ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~X   cancelled 5.000s in sleep(2.5)
               0.000s  task  Background work...
               2.500s  task  Background work...
               5.000s  main  Time: 5.00s
        "#]],
    );
}

/// main's sleep(0) lets the task run once; it is cancelled in its first sleep.
#[test]
fn background_main_zero() {
    check(
        ScenarioId::Background,
        "",
        &[("main", 0.0)],
        expect![[r#"
            Idle, total Some(2) µs
                 0s
                 |.
            main D   done 0.000s
            task X   cancelled 0.000s in sleep(5)
               0.000s  task  Background work...
               0.000s  main  Time: 0.00s
        "#]],
    );
}

#[test]
fn context_manager_release_zero() {
    check(
        ScenarioId::ContextManager,
        "",
        &[("release", 0.0)],
        expect![[r#"
            Idle, total Some(1000002) µs
                 0s                                      1s
                 |.......................................|.
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 1.000s
               0.000s  main  Acquiring resource...
               1.000s  main  Using resource
               1.000s  main  Releasing resource...
               1.000s  main  Time: 1.00s
        "#]],
    );
}

/// io1 is due at 0.1 s but the loop is blocked until 0.5 s; io2 (0.8 s) is on time.
#[test]
fn cpu_vs_io_blocking_edited() {
    check(
        ScenarioId::CpuVsIo,
        "blocking",
        &[("work", 0.5), ("io1", 0.1), ("io2", 0.8)],
        expect![[r#"
            Idle, total Some(800003) µs
                 0s
                 |.................................
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.800s
            io1  ~~~~%%%%%%%%%%%%%%%%D               done 0.500s
            io2  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.800s
            cpu  ####################D               done 0.500s
               0.500s  cpu   CPU work done at 0.50s
               0.500s  io1   io1 woke up at 0.50s (asked for 0.1s)
               0.800s  io2   io2 woke up at 0.80s (asked for 0.8s)
               0.800s  main  Time: 0.80s
        "#]],
    );
}

#[test]
fn cpu_vs_io_worker_edited() {
    check(
        ScenarioId::CpuVsIo,
        "worker",
        &[("work", 0.5), ("io1", 0.1), ("io2", 0.8)],
        expect![[r#"
            Idle, total Some(800003) µs
                 0s
                 |.................................
            main =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.800s
            io1  ~~~~D                               done 0.100s
            io2  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.800s
            cpu  ~~~~~~~~~~~~~~~~~~~~D               done 0.500s
               0.100s  io1   io1 woke up at 0.10s (asked for 0.1s)
               0.500s  cpu   CPU work done at 0.50s
               0.800s  io2   io2 woke up at 0.80s (asked for 0.8s)
               0.800s  main  Time: 0.80s
        "#]],
    );
}

// ---- 44.3 with the sample API: two awaits per request, failures, time-outs ------------------------

/// 44.3 in `mode` with `urls` and edited values.
fn check_urls(mode: &str, urls: &[&str], values: &[(&str, f64)], expect: Expect) {
    let mut scenario = Scenario::new(ScenarioId::FetchUrls);
    scenario.set_mode(mode).unwrap();
    scenario.urls = urls.iter().map(|u| u.to_string()).collect();
    for &(name, value) in values {
        scenario.set(name, value).unwrap();
    }
    let run = scenario.run_virtual();
    let header = format!("{:?}, total {:?} µs, {:?}\n", run.outcome, run.total, run.result);
    expect.assert_eq(&(header + &run.timeline().to_ascii()));
}

const SAMPLE: [&str; 3] = [
    "sample-api/users/python?delay=0.3&body=0.1",
    "sample-api/users/github?delay=0.5&body=0.1",
    "sample-api/users/torvalds?delay=0.2&body=0.1",
];

#[test]
fn fetch_sample_api_sequential() {
    // Each call's sub-row: waiting for the head, a turn, waiting for the body.
    check_urls(
        "sequential",
        &SAMPLE,
        &[],
        expect![[r#"
            Idle, total Some(1300002) µs, Some(Ok(None))
                                  0s                                      1s
                                  |.......................................|.............
            main                  =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 1.300s
            ↳ fetch_url(python)   ~~~~~~~~~~~~~~~~D                                       returned 0.400s
            ↳ fetch_url(github)                   ~~~~~~~~~~~~~~~~~~~~~~~~D               returned 1.000s
            ↳ fetch_url(torvalds)                                         ~~~~~~~~~~~~D   returned 1.300s
               0.000s  main                   Synchronous style:
               0.400s  main                   Fetched 1263 bytes from sample-api/users/python?delay=0.3&body=0.1
               1.000s  main                   Fetched 1241 bytes from sample-api/users/github?delay=0.5&body=0.1
               1.300s  main                   Fetched 1223 bytes from sample-api/users/torvalds?delay=0.2&body=0.1
               1.300s  main                   Time: 1.30s

        "#]],
    );
}

#[test]
fn fetch_sample_api_concurrent() {
    check_urls(
        "concurrent",
        &SAMPLE,
        &[],
        expect![[r#"
            Idle, total Some(600002) µs, Some(Ok(None))
                                0s
                                |.............................................................
            main                =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.600s
            fetch_url(python)   ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D                       done 0.400s
            fetch_url(github)   ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D   done 0.600s
            fetch_url(torvalds) ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D                                 done 0.300s
               0.000s  main                 Asynchronous style:
               0.600s  main                 Fetched 1263 bytes from sample-api/users/python?delay=0.3&body=0.1
               0.600s  main                 Fetched 1241 bytes from sample-api/users/github?delay=0.5&body=0.1
               0.600s  main                 Fetched 1223 bytes from sample-api/users/torvalds?delay=0.2&body=0.1
               0.600s  main                 Time: 0.60s
        "#]],
    );
}

#[test]
fn fetch_404_sequential_stops_the_loop() {
    // The 404 raises out of the loop: torvalds is never requested.
    check_urls(
        "sequential",
        &[SAMPLE[0], "sample-api/status/404?delay=0.2", SAMPLE[2]],
        &[],
        expect![[r#"
            Idle, total Some(600001) µs, Some(Err(Error { kind: "ClientResponseError", message: "404, message='Not Found', url='sample-api/status/404?delay=0.2'" }))
                                0s
                                |.............................................................
            main                =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~!   failed 0.600s ClientResponseError: 404, message='Not Found', url='sample-api/status/404?delay=0.2'
            ↳ fetch_url(python) ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~D                       returned 0.400s
            ↳ fetch_url(404)                                            ~~~~~~~~~~~~~~~~~~~~!   raised 0.600s ClientResponseError: 404, message='Not Found', url='sample-api/status/404?delay=0.2'
               0.000s  main                 Synchronous style:
               0.400s  main                 Fetched 1263 bytes from sample-api/users/python?delay=0.3&body=0.1
        "#]],
    );
}

#[test]
fn fetch_404_concurrent_gather_raises_and_the_session_closes() {
    // gather raises the 404 at 0.2 s; leaving `async with ClientSession()` closes the session, so
    // the two requests still going fail with ClientConnectionError (as aiohttp's do).
    check_urls(
        "concurrent",
        &[SAMPLE[0], "sample-api/status/404?delay=0.2", SAMPLE[2]],
        &[],
        expect![[r#"
            Idle, total Some(200001) µs, Some(Err(Error { kind: "ClientResponseError", message: "404, message='Not Found', url='sample-api/status/404?delay=0.2'" }))
                                0s
                                |.....................
            main                =~~~~~~~~~~~~~~~~~~~!   failed 0.200s ClientResponseError: 404, message='Not Found', url='sample-api/status/404?delay=0.2'
            fetch_url(python)   ~~~~~~~~~~~~~~~~~~~~!   failed 0.200s ClientConnectionError: Connector is closed.
            fetch_url(404)      ~~~~~~~~~~~~~~~~~~~~!   failed 0.200s ClientResponseError: 404, message='Not Found', url='sample-api/status/404?delay=0.2'
            fetch_url(torvalds) ~~~~~~~~~~~~~~~~~~~~!   failed 0.200s ClientConnectionError: Connector is closed.
               0.000s  main                 Asynchronous style:
        "#]],
    );
}

#[test]
fn fetch_timeout_concurrent() {
    // The slow request times out at 1 s (TIMEOUT = 1); the fast ones were done by then.
    check_urls(
        "concurrent",
        &[SAMPLE[0], "sample-api/users/slow?delay=5", SAMPLE[2]],
        &[("timeout", 1.0)],
        expect![[r#"
            Idle, total Some(1000001) µs, Some(Err(Error { kind: "TimeoutError", message: "" }))
                                0s                                      1s
                                |.......................................|.
            main                =~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~!   failed 1.000s TimeoutError
            fetch_url(python)   ~~~~~~~~~~~~~~~~D                           done 0.400s
            fetch_url(slow)     ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~!   failed 1.000s TimeoutError
            fetch_url(torvalds) ~~~~~~~~~~~~D                               done 0.300s
               0.000s  main                 Asynchronous style:
        "#]],
    );
}
