//! "In words" about resources and warnings (`insight::story`), on the gallery's programs.
//!
//! After an intended change: `UPDATE_EXPECT=1 cargo test --test insight_story`.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::insight::story::sentences;
use expect_test::{expect, Expect};

fn check(gallery: &str, expect: Expect) {
    let source = std::fs::read_to_string(format!("{}/gallery/{gallery}.py", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let run = async_playground::python::run_virtual(&source).unwrap();
    expect.assert_eq(&sentences(&run.events).join("\n"));
}

#[test]
fn a_lock_held_in_turn() {
    check("lock", expect!["lock (a Lock) was held by deposit_locked(ann), then deposit_locked(bob), then deposit_locked(cat), then deposit_locked(dan), then deposit_locked(eve), one at a time; up to 4 tasks waited on it at once."]);
}

#[test]
fn a_queue_filling_up() {
    check("queue", expect!["queue (a Queue, maxsize 2) got 5 items and gave 5, holding up to 2 at once; up to 2 tasks waited on it at once."]);
}

#[test]
fn a_semaphore_and_an_event() {
    check(
        "semaphore",
        expect!["limit (a Semaphore of 2 permits) had up to 2 taken at once; up to 3 tasks waited on it at once."],
    );
    check("event", expect!["gun (an Event) was set at 2.000 s by main; up to 3 tasks waited on it at once."]);
}

#[test]
fn a_warning_at_its_moment_and_line() {
    check(
        "forgot-await",
        expect!["At 0.000 s CPython warns, about line 14: RuntimeWarning: coroutine 'save' was never awaited."],
    );
}
