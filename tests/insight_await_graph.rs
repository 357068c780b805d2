//! The await graph at a moment, derived from real runs' event logs: who awaits whom, where each
//! task is stopped, as the page's `[data-testid=await-tree]` shows it (`python -m asyncio pstree`).
//!
//! After an intended change: `UPDATE_EXPECT=1 cargo test --test insight_await_graph`.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::engine::Event;
use async_playground::insight::await_graph::AwaitGraph;
use async_playground::report::moment::Moment;
use async_playground::scenarios::{Scenario, ScenarioId};
use expect_test::{expect, Expect};

fn section_events(id: ScenarioId) -> Vec<Event> {
    Scenario::new(id).run_virtual().events
}

fn program_events(source: &str) -> Vec<Event> {
    async_playground::python::run_virtual(source).expect("compiles").events
}

/// The tree at `seconds`, then each pending task's `name:line` (the editor's margin markers).
fn check_at(events: &[Event], seconds: f64, expect: Expect) {
    let moment = Moment::at_time(events, (seconds * 1e6) as u64);
    let graph = AwaitGraph::at(events, moment.shown);
    let lines: Vec<String> =
        graph.task_lines().iter().map(|&(task, line)| format!("{}:{line}", graph.tasks[task].name)).collect();
    expect.assert_eq(&format!("{}margin: {}\n", graph.tree("<playground>", 100), lines.join(" ")));
}

#[test]
fn chapter_44_2_at_half_a_second_is_main_then_gather_then_the_three_tasks_at_say_hello_line_5() {
    let events = section_events(ScenarioId::SayHello);
    check_at(
        &events,
        0.5,
        expect![[r#"
            └── (T) main
                └──  main <playground>:17
                    └──  asyncio.gather
                        ├── (T) task1
                        │   └──  say_hello <playground>:5
                        │       └──  sleep(2)
                        ├── (T) task2
                        │   └──  say_hello <playground>:5
                        │       └──  sleep(1)
                        └── (T) task3
                            └──  say_hello <playground>:5
                                └──  sleep(3)
            margin: main:17 task1:5 task2:5 task3:5
        "#]],
    );
}

#[test]
fn a_lock_s_waiter_waits_on_the_lock_and_the_holder_on_its_sleep() {
    let events = program_events(
        "import asyncio\n\nasync def worker(name, lock):\n    async with lock:\n        await asyncio.sleep(1)\n\nasync def main():\n    lock = asyncio.Lock()\n    await asyncio.gather(worker('a', lock), worker('b', lock))\n\nasyncio.run(main())\n",
    );
    check_at(
        &events,
        0.5,
        expect![[r#"
            └── (T) main
                └──  main <playground>:9
                    └──  asyncio.gather
                        ├── (T) worker(a)
                        │   └──  worker <playground>:5
                        │       └──  sleep(1)
                        └── (T) worker(b)
                            └──  worker <playground>:4
                                └──  lock.acquire()
            margin: main:9 worker(a):5 worker(b):4
        "#]],
    );
}

#[test]
fn await_task_and_a_task_group_link_the_awaiter_to_the_awaited() {
    let events = program_events(
        "import asyncio\n\nasync def leaf(n):\n    await asyncio.sleep(n)\n\nasync def group():\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(leaf(1))\n        tg.create_task(leaf(2))\n\nasync def main():\n    t = asyncio.create_task(group())\n    await t\n\nasyncio.run(main())\n",
    );
    check_at(
        &events,
        1.5,
        expect![[r#"
            └── (T) main
                └──  main <playground>:13
                    └──  await
                        └── (T) t
                            └──  group <playground>:7
                                └──  TaskGroup.__aexit__
                                    └── (T) leaf(2)
                                        └──  leaf <playground>:4
                                            └──  sleep(2)
            margin: main:13 t:7 leaf(2):4
        "#]],
    );
}

#[test]
fn once_the_run_is_over_nothing_is_pending() {
    let events = section_events(ScenarioId::SayHello);
    let graph = AwaitGraph::at(&events, events.len());
    assert_eq!(graph.tree("<playground>", 100), "(no pending tasks)\n");
    assert!(graph.edges().is_empty());
    assert!(graph.task_lines().is_empty());
}

#[test]
fn a_running_task_is_marked_at_the_line_it_resumed_from() {
    // Step through 44.2 event by event: right after a task resumes, it is the running one and
    // its line is still the await it came back from.
    let events = section_events(ScenarioId::SayHello);
    let resumed = events.iter().position(|e| matches!(e.kind, async_playground::engine::EventKind::Resumed)).unwrap();
    let graph = AwaitGraph::at(&events, resumed + 1);
    let running = graph.running().expect("a task runs");
    assert_eq!(running.task, events[resumed].task);
    assert_eq!(running.line(), Some(5));
}

#[test]
fn a_tree_of_many_tasks_draws_the_first_ones_and_counts_the_rest() {
    let events = program_events(
        "import asyncio\n\nasync def nap(i):\n    await asyncio.sleep(1)\n\nasync def main():\n    await asyncio.gather(*[nap(i) for i in range(50)])\n\nasyncio.run(main())\n",
    );
    let moment = Moment::at_time(&events, 500_000);
    let tree = AwaitGraph::at(&events, moment.shown).tree("<playground>", 3);
    expect![[r#"
        └── (T) main
            └──  main <playground>:7
                └──  asyncio.gather
                    ├── (T) nap(0)
                    │   └──  nap <playground>:4
                    │       └──  sleep(1)
                    ├── (T) nap(1)
                    │   └──  nap <playground>:4
                    │       └──  sleep(1)
        … and 48 more pending tasks
    "#]]
    .assert_eq(&tree);
}
