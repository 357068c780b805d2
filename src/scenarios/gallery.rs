//! The gallery: short asyncio programs beyond the chapter, one topic each (`gallery/<name>.py`, each checked against CPython by tests/python_differential.rs).

/// One program of the gallery. Its page is `#/gallery-<name>`.
pub struct GalleryProgram {
    /// The slug (`[a-z0-9-]+`), used in links as `#/gallery-<name>`.
    pub name: &'static str,
    /// Its section id (links, `data-id`): `gallery-<name>`.
    pub id: &'static str,
    pub title: &'static str,
    /// One paragraph: what the program shows and what to watch for on the timeline.
    pub intro: &'static str,
    /// The Python text, as `gallery/<name>.py` has it.
    pub code: &'static str,
}

pub const GALLERY: [GalleryProgram; 15] = [
    GalleryProgram {
        name: "wait-for",
        id: "gallery-wait-for",
        title: "Time-outs: wait_for and timeout",
        intro: "wait_for() gives one awaitable a deadline, and asyncio.timeout() gives one to a whole block. When the deadline passes, the coroutine being waited on is cancelled at its await, and only then does TimeoutError reach the code that set the deadline. Watch each cancelled line appear at the deadline, just before the TimeoutError is caught, not when the sleep would have ended.",
        code: include_str!("../../gallery/wait-for.py"),
    },
    GalleryProgram {
        name: "taskgroup",
        id: "gallery-taskgroup",
        title: "TaskGroup: all or nothing",
        intro: "A TaskGroup waits for every task made in it before its async with block ends. When one task fails, the group cancels the tasks still running and raises an ExceptionGroup, which except* takes apart. Watch slow's lane: it is cut short at the moment broken fails, and the error is caught only after slow has finished being cancelled.",
        code: include_str!("../../gallery/taskgroup.py"),
    },
    GalleryProgram {
        name: "as-completed",
        id: "gallery-as-completed",
        title: "as_completed: results in finishing order",
        intro: "gather() hands back all the results at once, in the order the coroutines were passed. as_completed() hands each one back as soon as it is ready, fastest first, so the loop body can start on the first result while the others are still waiting. Both take as long as the slowest sleep.",
        code: include_str!("../../gallery/as-completed.py"),
    },
    GalleryProgram {
        name: "queue",
        id: "gallery-queue",
        title: "Queue: a producer and two workers",
        intro: "The producer puts a job on the queue every half second and two slower workers take jobs off it. The queue holds at most two jobs, so once the workers fall behind, put() waits for room: job 5 waits until a worker is free. Every job is marked with task_done(), and queue.join() waits until all of them are, so main knows the work is over and cancels the idle workers.",
        code: include_str!("../../gallery/queue.py"),
    },
    GalleryProgram {
        name: "semaphore",
        id: "gallery-semaphore",
        title: "Semaphore: two downloads at a time",
        intro: "Five downloads start together, but a Semaphore(2) lets only two inside async with at once. The others wait at the door, and each one that finishes lets the next one in. On the timeline, never more than two lanes are sleeping at the same moment, and the total is longer than the slowest download.",
        code: include_str!("../../gallery/semaphore.py"),
    },
    GalleryProgram {
        name: "lock",
        id: "gallery-lock",
        title: "Lock: the lost update",
        intro: "Each deposit reads the balance, awaits, then writes what it read plus 10. Without a lock all five read 0 before any of them writes, so four deposits are lost. With a Lock only one task at a time goes from read to write: the balance comes out right, and the deposits run one after another instead of together.",
        code: include_str!("../../gallery/lock.py"),
    },
    GalleryProgram {
        name: "event",
        id: "gallery-event",
        title: "Event: one signal, many waiters",
        intro: "Three runners wait on the same Event, using no CPU while they wait. A single set() releases all of them in the same moment, in the order they started waiting. The event stays set, so a runner who comes later does not wait at all.",
        code: include_str!("../../gallery/event.py"),
    },
    GalleryProgram {
        name: "cancel-cleanup",
        id: "gallery-cancel-cleanup",
        title: "Cancellation and cleanup",
        intro: "cancel() does not stop a task on the spot: it raises CancelledError at the await where the task is suspended. The worker catches it, awaits its cleanup, lets the error go on with raise, and its finally block runs last. Watch the worker's lane keep going for half a second after the cancel, until the cleanup is done.",
        code: include_str!("../../gallery/cancel-cleanup.py"),
    },
    GalleryProgram {
        name: "forgot-await",
        id: "gallery-forgot-await",
        title: "Forgetting await",
        intro: "Calling a coroutine function without await only makes a coroutine object: nothing in it runs, so 'first' is never saved and no lane appears for it. Python notices when the object is thrown away and warns that the coroutine was never awaited. The second call is kept and awaited later, and only then does it run.",
        code: include_str!("../../gallery/forgot-await.py"),
    },
    GalleryProgram {
        name: "blocking-sleep",
        id: "gallery-blocking-sleep",
        title: "time.sleep blocks the loop",
        intro: "time.sleep() inside async def holds the one thread the event loop runs on, so the ticker cannot run until it is over: its second tick comes a second late. await asyncio.sleep() suspends only its own task, and the ticker keeps its beat. Compare the two halves of the timeline.",
        code: include_str!("../../gallery/blocking-sleep.py"),
    },
    GalleryProgram {
        name: "fire-and-forget",
        id: "gallery-fire-and-forget",
        title: "Fire and forget: tasks nobody awaits",
        intro: "create_task() starts a task, but main keeps no reference to either task and never awaits them. Ann's email is sent while main sleeps; Bob's is still on its way when main returns, so the run ends by cancelling it: 'sent to Bob' is never printed, and nothing says so. Had a dropped task failed, its error would only surface later as 'Task exception was never retrieved'. Watch Bob's lane stop at 2 s. Keep the tasks (in a list, or a TaskGroup) and await them.",
        code: include_str!("../../gallery/fire-and-forget.py"),
    },
    GalleryProgram {
        name: "swallowed-cancel",
        id: "gallery-swallowed-cancel",
        title: "Swallowing CancelledError",
        intro: "asyncio.timeout() ends a block by cancelling it: CancelledError is raised at the await where the code is waiting, and turned into TimeoutError as it leaves the block. stubborn() catches that error and carries on without raising it again, so the timeout never gets it back: the block runs on to its end at 2.5 s as if there were no deadline, and no TimeoutError comes. Watch the lane keep going past the 1.5 s mark. Clean up in except if you must, then raise.",
        code: include_str!("../../gallery/swallowed-cancel.py"),
    },
    GalleryProgram {
        name: "to-thread",
        id: "gallery-to-thread",
        title: "to_thread: blocking code off the loop",
        intro: "read_sensor() blocks and never awaits, like an old library or a slow file. asyncio.to_thread() runs it in another thread and gives the loop an awaitable, so the ticker keeps printing while the sensor is read. Two calls in two threads block side by side, so they take one second together, not two.",
        code: include_str!("../../gallery/to-thread.py"),
    },
    GalleryProgram {
        name: "async-generator",
        id: "gallery-async-generator",
        title: "Async generators and async for",
        intro: "An async generator is a function with both await and yield: it can wait between two values. async for takes each value as soon as it is made, so the first one is used after one second, not after all three. An async comprehension collects the values into a list the same way.",
        code: include_str!("../../gallery/async-generator.py"),
    },
    GalleryProgram {
        name: "retry-backoff",
        id: "gallery-retry-backoff",
        title: "Retry with exponential backoff",
        intro: "The server fails its first three calls. Each failure is followed by a wait twice as long as the one before, 0.5 s, then 1 s, then 2 s, so a struggling server gets more and more room. The second run gives up after three attempts and lets the last error through. On the timeline, the gaps between the calls grow.",
        code: include_str!("../../gallery/retry-backoff.py"),
    },
];
