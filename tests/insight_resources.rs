//! Resource lanes (`insight::resources`) on real programs: who holds a lock and who waits for it, in
//! order; a queue's level rising and falling as its printed lines say; a semaphore's permits; an
//! event set once for many waiters; a condition's notify.
//!
//! After an intended change, review and accept the new snapshots with:
//!
//!     UPDATE_EXPECT=1 cargo test --test insight_resources

use async_playground::engine::{secs_from_micros, Event, EventKind, Micros};
use async_playground::insight::resources::{resource_lanes, resources_text, ResourceLane};
use async_playground::python::run_virtual;
use async_playground::scenarios::gallery::GALLERY;
use expect_test::{expect, Expect};

fn gallery(name: &str) -> &'static str {
    GALLERY.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no gallery/{name}.py")).code
}

fn corpus(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn events(source: &str) -> Vec<Event> {
    run_virtual(source).expect("compiles").events
}

/// Task names by id, each with its number: five `deposit_locked(10)` must be told apart.
fn names(events: &[Event]) -> Vec<String> {
    let mut names = Vec::new();
    for e in events {
        if let EventKind::Created { name, .. } = &e.kind {
            names.resize(e.task + 1, String::new());
            names[e.task] = format!("{name}#{}", e.task);
        }
    }
    names
}

/// The lanes of the whole run: each change and each wait, a line apiece.
fn dump(lanes: &[ResourceLane]) -> String {
    let mut out = String::new();
    for lane in lanes {
        out.push_str(&format!(
            "{} {} capacity {} made at {}, max level {}\n",
            lane.kind.as_str(),
            lane.name,
            lane.capacity,
            lane.created,
            lane.max_level()
        ));
        for c in &lane.changes {
            out.push_str(&format!(
                "  {:>8} task {} {} -> level {} holders {:?}\n",
                c.at, c.by, c.op, c.level, c.holders
            ));
        }
        for w in &lane.waits {
            let end = w.end.map_or("still".to_string(), |e| e.to_string());
            out.push_str(&format!("  wait task {} on {} from {} to {end}\n", w.task, w.on, w.start));
        }
    }
    out
}

/// `resources_text` at each of `times` (ms), over the whole log.
fn text_at(source: &str, times: &[Micros], expect: Expect) {
    let events = events(source);
    let lanes = resource_lanes(&events, events.len());
    let names = names(&events);
    let mut out = String::new();
    for &ms in times {
        out.push_str(&format!(
            "at {:.3} s\n{}",
            secs_from_micros(ms * 1000),
            resources_text(&lanes, &names, ms * 1000)
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn a_lock_is_held_by_one_task_while_the_others_wait_in_order() {
    let source = gallery("lock");
    let events = events(source);
    let lanes = resource_lanes(&events, events.len());
    assert_eq!(lanes.len(), 1);
    let lock = &lanes[0];
    // Task 6 took it first; 7 to 10 queued in the order they asked, and each got it in turn.
    assert_eq!(lock.holders_at(150_000), [6]);
    assert_eq!(lock.waiters_at(150_000), [7, 8, 9, 10]);
    assert_eq!(lock.holders_at(250_000), [7]);
    assert_eq!(lock.waiters_at(250_000), [8, 9, 10]);
    assert_eq!(lock.level_at(550_000), 1);
    assert_eq!(lock.level_at(700_000), 0);
    assert_eq!(lock.waiters_at(700_000), Vec::<usize>::new());
    text_at(
        source,
        &[50, 150, 350, 700],
        expect![[r#"
            at 0.050 s
            at 0.150 s
            lock (lock): held by deposit_locked(ann)#6; waiting: deposit_locked(bob)#7, deposit_locked(cat)#8, deposit_locked(dan)#9, deposit_locked(eve)#10
            at 0.350 s
            lock (lock): held by deposit_locked(cat)#8; waiting: deposit_locked(dan)#9, deposit_locked(eve)#10
            at 0.700 s
            lock (lock): free
        "#]],
    );
}

#[test]
fn the_lock_lane_records_every_acquire_and_release() {
    let events = events(gallery("lock"));
    expect![[r#"
        lock lock capacity 1 made at 100002, max level 1
            100002 task 6 acquire -> level 1 holders [6]
            200002 task 6 release -> level 0 holders []
            200002 task 7 acquire -> level 1 holders [7]
            300002 task 7 release -> level 0 holders []
            300002 task 8 acquire -> level 1 holders [8]
            400002 task 8 release -> level 0 holders []
            400002 task 9 acquire -> level 1 holders [9]
            500002 task 9 release -> level 0 holders []
            500002 task 10 acquire -> level 1 holders [10]
            600002 task 10 release -> level 0 holders []
          wait task 7 on lock.acquire() from 100002 to 200002
          wait task 8 on lock.acquire() from 100002 to 300002
          wait task 9 on lock.acquire() from 100002 to 400002
          wait task 10 on lock.acquire() from 100002 to 500002
    "#]]
    .assert_eq(&dump(&resource_lanes(&events, events.len())));
}

#[test]
fn a_queue_s_level_rises_and_falls_as_its_printed_lines_say() {
    let source = gallery("queue");
    let events = events(source);
    // Every "put job n (queue size k)" line is printed right after the put: at that moment (the
    // events up to the print) the level is k.
    let mut checked = 0;
    for (i, e) in events.iter().enumerate() {
        let EventKind::Printed { text } = &e.kind else { continue };
        let Some(size) = text.split("(queue size ").nth(1) else { continue };
        let size: usize = size.trim_end_matches(')').parse().expect("a size");
        assert_eq!(resource_lanes(&events, i + 1)[0].level_at(e.at), size, "{text} at {}", e.at);
        checked += 1;
    }
    assert_eq!(checked, 5);
    let lanes = resource_lanes(&events, events.len());
    let queue = &lanes[0];
    assert_eq!(queue.max_level(), 2);
    text_at(
        source,
        &[0, 600, 2100, 2600, 3100, 7000],
        expect![[r#"
            at 0.000 s
            at 0.600 s
            queue (queue, maxsize 2): 0 items; waiting to get: worker(worker 2)#2
            at 2.100 s
            queue (queue, maxsize 2): 2 items
            at 2.600 s
            queue (queue, maxsize 2): 2 items; waiting to put: main#0
            at 3.100 s
            queue (queue, maxsize 2): 2 items; waiting in join: main#0
            at 7.000 s
            queue (queue, maxsize 2): 0 items; waiting in join: main#0; waiting to get: worker(worker 2)#2
        "#]],
    );
}

#[test]
fn a_semaphore_lets_two_in_and_queues_the_rest() {
    let source = gallery("semaphore");
    let events = events(source);
    let lanes = resource_lanes(&events, events.len());
    assert_eq!(lanes[0].max_level(), 2, "never more than two inside");
    text_at(
        source,
        &[500, 1500, 2200, 3000, 4000],
        expect![[r#"
            at 0.500 s
            limit (semaphore, 2 permits): held by download(a.zip)#1, download(b.zip)#2; waiting: download(c.zip)#3, download(d.zip)#4, download(e.zip)#5
            at 1.500 s
            limit (semaphore, 2 permits): held by download(b.zip)#2, download(c.zip)#3; waiting: download(d.zip)#4, download(e.zip)#5
            at 2.200 s
            limit (semaphore, 2 permits): held by download(d.zip)#4, download(e.zip)#5
            at 3.000 s
            limit (semaphore, 2 permits): held by download(d.zip)#4
            at 4.000 s
            limit (semaphore, 2 permits): all free
        "#]],
    );
}

#[test]
fn an_event_releases_every_waiter_at_once() {
    let source = gallery("event");
    let events = events(source);
    let lanes = resource_lanes(&events, events.len());
    let gun = &lanes[0];
    assert_eq!(gun.waiters_at(1_000_000), [1, 2, 3], "in the order they started waiting");
    assert_eq!(gun.waiters_at(2_000_100), Vec::<usize>::new(), "all woken at the set");
    text_at(
        source,
        &[1000, 2500],
        expect![[r#"
            at 1.000 s
            gun (event): not set; waiting: runner(Ann)#1, runner(Ben)#2, runner(Cat)#3
            at 2.500 s
            gun (event): set at 2.000 s
        "#]],
    );
}

#[test]
fn a_condition_s_waiters_are_notified_one_at_a_time() {
    let source = corpus("asyncio_condition.py");
    text_at(
        &source,
        &[500, 1500, 2500, 3500],
        expect![[r#"
            at 0.500 s
            cond (condition): lock free; waiting for notify: consumer(c1)#1, consumer(c2)#2, consumer(c3)#3
            at 1.500 s
            cond (condition): lock free; waiting for notify: consumer(c2)#2, consumer(c3)#3
            at 2.500 s
            cond (condition): lock free; waiting for notify: consumer(c3)#3
            at 3.500 s
            cond (condition): lock free
        "#]],
    );
    let events = events(&source);
    let lanes = resource_lanes(&events, events.len());
    let notifies: Vec<_> = lanes[0].changes.iter().filter(|c| c.op == "notify").map(|c| (c.at, c.by)).collect();
    assert_eq!(notifies, [(1_000_000, 4), (2_000_000, 4), (3_000_000, 4)]);
}

#[test]
fn a_moment_shows_only_the_events_up_to_it() {
    let events = events(gallery("lock"));
    // Stepping event by event: the first acquire is shown, the waiters' suspensions not yet.
    let acquire = events
        .iter()
        .position(|e| matches!(&e.kind, EventKind::ResourceChanged { op, .. } if op == "acquire"))
        .expect("an acquire");
    let lanes = resource_lanes(&events, acquire + 1);
    assert_eq!(lanes[0].holders_at(events[acquire].at), [6]);
    assert_eq!(lanes[0].waiters_at(events[acquire].at), Vec::<usize>::new());
    // A wait not ended by the moment shown has no end yet.
    let second_wait = events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(&e.kind, EventKind::Suspended { resource: Some(_), .. }))
        .nth(1)
        .expect("two waits")
        .0;
    let lanes = resource_lanes(&events, second_wait + 1);
    assert_eq!(lanes[0].waits.iter().map(|w| (w.task, w.end)).collect::<Vec<_>>(), [(7, None), (8, None)]);
    assert_eq!(lanes[0].waiters_at(events[second_wait].at), [7, 8]);
    assert!(resource_lanes(&events, 0).is_empty());
}
