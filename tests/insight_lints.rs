//! The static checks (`insight::lints`): each one on a small program that has the mistake and on
//! one that is written right, plus the gallery programs that show them.
//!
//! After an intended change, review and accept the new snapshots with:
//!
//!     UPDATE_EXPECT=1 cargo test --test insight_lints

use async_playground::insight::lints::lint;
use async_playground::scenarios::gallery::GALLERY;
use async_playground::scenarios::{Scenario, ScenarioId};
use expect_test::{expect, Expect};

/// One line per finding: where, what, in which async def.
fn check(source: &str, expect: Expect) {
    let text: String = lint(source)
        .iter()
        .map(|l| {
            let within = l.within.as_ref().map_or("<module>".to_string(), |p| format!("{}:{}", p.function, p.line));
            format!("{}:{} {} ({within}): {}\n", l.line, l.col, l.kind.as_str(), l.text)
        })
        .collect();
    expect.assert_eq(&text);
}

fn gallery(name: &str) -> &'static str {
    GALLERY.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no gallery/{name}.py")).code
}

#[test]
fn time_sleep_in_an_async_def_blocks_the_loop() {
    check(
        r#"import asyncio
import time
from time import sleep as nap

def plain():
    time.sleep(1)  # fine: not a coroutine

async def worker():
    time.sleep(0.5)
    nap(1)
    values = [time.sleep(0) for _ in range(2)]  # runs here too
    later = lambda: time.sleep(1)  # runs when called, elsewhere
    def helper():
        time.sleep(1)
    await asyncio.sleep(1)
"#,
        expect![[r#"
            9:5 blocking-sleep (worker:8): Async functions should not call `time.sleep`
            10:5 blocking-sleep (worker:8): Async functions should not call `time.sleep`
            11:15 blocking-sleep (worker:8): Async functions should not call `time.sleep`
        "#]],
    );
}

#[test]
fn sleep_from_another_module_or_awaited_is_not_blocking() {
    check(
        r#"import asyncio

class Clock:
    def sleep(self, s):
        return s

async def main():
    time = Clock()
    time.sleep(1)  # not the time module: it was never imported
    await asyncio.sleep(1)
"#,
        expect![[""]],
    );
}

#[test]
fn the_gallery_s_blocking_sleep_is_flagged_at_line_15() {
    check(
        gallery("blocking-sleep"),
        expect![[r#"
            15:5 blocking-sleep (blocking_nap:14): Async functions should not call `time.sleep`
        "#]],
    );
}

#[test]
fn a_task_whose_reference_is_thrown_away_dangles() {
    check(
        r#"import asyncio
from asyncio import ensure_future

async def job():
    await asyncio.sleep(1)

async def main():
    asyncio.create_task(job())
    ensure_future(job())
    kept = asyncio.create_task(job())
    async with asyncio.TaskGroup() as tg:
        tg.create_task(job())  # the group keeps it
    await kept

asyncio.create_task(job())
"#,
        expect![[r#"
            8:5 dangling-task (main:7): Store a reference to the return value of `asyncio.create_task`
            9:5 dangling-task (main:7): Store a reference to the return value of `ensure_future`
            15:1 dangling-task (<module>): Store a reference to the return value of `asyncio.create_task`
        "#]],
    );
}

#[test]
fn the_fire_and_forget_program_drops_two_tasks() {
    check(
        gallery("fire-and-forget"),
        expect![[r#"
            15:5 dangling-task (main:14): Store a reference to the return value of `asyncio.create_task`
            16:5 dangling-task (main:14): Store a reference to the return value of `asyncio.create_task`
        "#]],
    );
}

#[test]
fn awaiting_the_program_s_own_coroutine_in_a_loop_is_sequential() {
    check(
        r#"import asyncio

async def fetch(url):
    await asyncio.sleep(1)
    return url

class Client:
    async def get(self, url):
        return await fetch(url)

async def main(urls, client):
    for url in urls:
        await asyncio.sleep(0.1)  # a pause is not it
        data = await fetch(url)
    for url in urls:
        async with asyncio.timeout(5):
            await client.get(url)
    for url in urls:
        if url:
            await fetch(url)  # not on each iteration
    results = await asyncio.gather(*(fetch(u) for u in urls))
"#,
        expect![[r#"
            14:16 sequential-await (main:11): `await fetch(…)` in a loop: each call starts only after the previous one has finished
            17:13 sequential-await (main:11): `await get(…)` in a loop: each call starts only after the previous one has finished
        "#]],
    );
}

#[test]
fn the_chapter_s_sequential_fetch_is_flagged_and_its_gather_is_not() {
    let mut scenario = Scenario::new(ScenarioId::FetchUrls);
    let lints = |s: &Scenario| lint(&s.python_text()).iter().map(|l| l.kind.as_str()).collect::<Vec<_>>();
    assert_eq!(lints(&scenario), ["sequential-await"], "{}", scenario.python_text());
    scenario.set_mode("concurrent").unwrap();
    assert_eq!(lints(&scenario), Vec::<&str>::new(), "{}", scenario.python_text());
}

#[test]
fn a_cancelled_error_caught_and_not_raised_again_is_swallowed() {
    check(
        r#"import asyncio
from asyncio import CancelledError

async def a():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cancelled")
    try:
        await asyncio.sleep(1)
    except (ValueError, CancelledError):
        return None
    try:
        await asyncio.sleep(1)
    except BaseException:
        pass
    try:
        await asyncio.sleep(1)
    except:
        pass
"#,
        expect![[r#"
            7:5 swallowed-cancel (a:4): CancelledError block with a code path that doesn't re-raise the error
            11:5 swallowed-cancel (a:4): CancelledError block with a code path that doesn't re-raise the error
            15:5 swallowed-cancel (a:4): BaseException block with a code path that doesn't re-raise the error
            19:5 swallowed-cancel (a:4): bare `except:` block with a code path that doesn't re-raise the error
        "#]],
    );
}

#[test]
fn a_cancelled_error_raised_again_or_never_caught_is_fine() {
    check(
        r#"import asyncio

def plain():
    try:
        pass
    except BaseException:
        pass  # not a coroutine: nothing cancels it

async def a():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        if True:
            raise
    try:
        await asyncio.sleep(1)
    except Exception:
        pass  # CancelledError is a BaseException since 3.8
    try:
        x = 1  # no await: nothing can be cancelled here
    except:
        pass
    task = asyncio.create_task(a())
    task.cancel()
    try:
        await task  # the task's own cancellation: the documented way to wait for it
    except asyncio.CancelledError:
        pass
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        def later():
            raise  # not this handler's raise
        raise
"#,
        expect![[""]],
    );
}

#[test]
fn the_swallowed_cancel_program_is_flagged_at_its_except() {
    check(
        gallery("swallowed-cancel"),
        expect![[r#"
            14:9 swallowed-cancel (stubborn:9): CancelledError block with a code path that doesn't re-raise the error
        "#]],
    );
}

#[test]
fn the_other_gallery_programs_are_clean() {
    for program in &GALLERY {
        let expected: &[&str] = match program.name {
            "blocking-sleep" => &["blocking-sleep"],
            "fire-and-forget" => &["dangling-task", "dangling-task"],
            "swallowed-cancel" => &["swallowed-cancel"],
            _ => &[],
        };
        let kinds: Vec<&str> = lint(program.code).iter().map(|l| l.kind.as_str()).collect();
        assert_eq!(kinds, expected, "{}", program.name);
    }
}

#[test]
fn code_that_does_not_parse_has_no_findings() {
    assert_eq!(lint("async def f(:\n    time.sleep(1)\n"), vec![]);
}
