//! The sections: their stable ids (a public contract: links, tests, `data-id`), numbers, titles,
//! intros, parameters with their ranges, and modes.

use super::{delay, gallery, seconds, ParamSpec};

/// The sections of the chapter that run. `id()` is a public contract (links, tests, `data-id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScenarioId {
    Coroutine,
    SayHello,
    FetchUrls,
    Gather,
    Background,
    ContextManager,
    CpuVsIo,
    /// Beyond the chapter: the 3 tasks of 44.2 turned into thousands.
    Stress,
    /// Beyond the chapter: "Your code", where a link's `code=` opens any program.
    Code,
    /// Beyond the chapter: program `n` of the gallery (`gallery::GALLERY`).
    Gallery(u8),
}

/// How many sections there are: the chapter's 7, the many-tasks one, "Your code", the gallery.
const SECTIONS: usize = 9 + gallery::GALLERY.len();

/// Every section, in the navigation's order.
const fn every_section() -> [ScenarioId; SECTIONS] {
    let mut all = [ScenarioId::Code; SECTIONS];
    let chapter = [
        ScenarioId::Coroutine,
        ScenarioId::SayHello,
        ScenarioId::FetchUrls,
        ScenarioId::Gather,
        ScenarioId::Background,
        ScenarioId::ContextManager,
        ScenarioId::CpuVsIo,
        ScenarioId::Stress,
    ];
    let mut i = 0;
    while i < chapter.len() {
        all[i] = chapter[i];
        i += 1;
    }
    // all[8] is Code.
    while i + 1 < SECTIONS {
        all[i + 1] = ScenarioId::Gallery(i as u8 - 8);
        i += 1;
    }
    all
}

impl ScenarioId {
    pub const ALL: [ScenarioId; SECTIONS] = every_section();

    /// The gallery's program, for a gallery section.
    pub fn gallery(self) -> Option<&'static gallery::GalleryProgram> {
        match self {
            ScenarioId::Gallery(n) => gallery::GALLERY.get(n as usize),
            _ => None,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            ScenarioId::Coroutine => "coroutine",
            ScenarioId::SayHello => "say-hello",
            ScenarioId::FetchUrls => "fetch-urls",
            ScenarioId::Gather => "gather",
            ScenarioId::Background => "background",
            ScenarioId::ContextManager => "context-manager",
            ScenarioId::CpuVsIo => "cpu-vs-io",
            ScenarioId::Stress => "many-tasks",
            ScenarioId::Code => "code",
            ScenarioId::Gallery(_) => self.gallery().map_or("gallery", |g| g.id),
        }
    }

    pub fn from_id(id: &str) -> Option<ScenarioId> {
        ScenarioId::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The chapter's section number.
    pub fn section(self) -> &'static str {
        match self {
            ScenarioId::Coroutine => "44.1.1",
            ScenarioId::SayHello => "44.2",
            ScenarioId::FetchUrls => "44.3",
            ScenarioId::Gather => "44.4.1",
            ScenarioId::Background => "44.4.2",
            ScenarioId::ContextManager => "44.4.3",
            ScenarioId::CpuVsIo => "44.5",
            ScenarioId::Stress | ScenarioId::Code => "Beyond",
            ScenarioId::Gallery(_) => "Gallery",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ScenarioId::Coroutine => "Coroutines",
            ScenarioId::SayHello => "Basic example",
            ScenarioId::FetchUrls => "Fetching multiple URLs",
            ScenarioId::Gather => "asyncio.gather()",
            ScenarioId::Background => "asyncio.create_task()",
            ScenarioId::ContextManager => "Async context managers",
            ScenarioId::CpuVsIo => "Concurrency vs parallelism",
            ScenarioId::Stress => "Thousands of tasks",
            ScenarioId::Code => "Your code",
            ScenarioId::Gallery(_) => self.gallery().map_or("", |g| g.title),
        }
    }

    /// Two or three sentences, in our words, of what to watch for.
    pub fn intro(self) -> &'static str {
        match self {
            ScenarioId::Coroutine => "Calling fetch_data() only builds a coroutine object: nothing is printed until it is awaited. Watch the single lane: it runs, then waits on sleep without using the CPU, then runs again and returns a value.",
            ScenarioId::SayHello => "Three greetings are made into tasks before any of them runs, so their sleeps overlap. Bob's delay is the shortest, so he speaks first, and the whole run takes as long as the longest delay, not the sum. Switch to sequential to see the sum.",
            ScenarioId::FetchUrls => "Each request spends nearly all its time waiting for the network. Awaited one after another the waits add up; gathered, they overlap and the total is close to the slowest single request.",
            ScenarioId::Gather => "gather() turns both coroutines into tasks and waits for all of them. The results come back in the order the coroutines were passed, not the order they finished, and the total is the longer of the two delays.",
            ScenarioId::Background => "The background task loops forever, printing and sleeping. main sleeps, then cancels it: the cancellation lands at the await where the task is suspended, so it never prints again. Count the lines against the two delays.",
            ScenarioId::ContextManager => "async with awaits __aenter__ before the body and __aexit__ after it, and both may suspend. The total is the sum of the two waits, because nothing else runs alongside.",
            ScenarioId::Stress => "The three greetings of 44.2, turned into as many tasks as you like, each sleeping a little longer than the one before. However many there are, the run takes about as long as the longest sleep: waiting tasks cost almost nothing.",
            ScenarioId::Code => "Write any asyncio program here, or paste one: it runs on the virtual clock as you type, and for real when you press Run. A link to this section carries your code, so you can share it or embed it in a course page.",
            ScenarioId::Gallery(_) => self.gallery().map_or("", |g| g.intro),
            ScenarioId::CpuVsIo => "One thread runs the event loop. CPU-bound work that never awaits holds that thread, so the I/O tasks' timers fire late, by about the length of the work. Moved to a worker, the same work runs in parallel and the timers stay on time.",
        }
    }

    pub fn params(self) -> &'static [ParamSpec] {
        const COROUTINE: [ParamSpec; 1] = [delay("delay", "fetch_data's sleep", 2.0)];
        const SAY_HELLO: [ParamSpec; 3] = [
            delay("alice", "Alice's delay", 2.0),
            delay("bob", "Bob's delay", 1.0),
            delay("charlie", "Charlie's delay", 3.0),
        ];
        const FETCH: [ParamSpec; 2] = [
            seconds("latency", "expected latency of other sites' URLs (ideal timeline only)", 0.3, 0.0, 30.0, 0.05),
            seconds("timeout", "TIMEOUT: a request not done by then raises TimeoutError", 10.0, 0.1, 300.0, 0.1),
        ];
        const GATHER: [ParamSpec; 2] = [delay("a", "task_a's sleep", 1.0), delay("b", "task_b's sleep", 2.0)];
        const BACKGROUND: [ParamSpec; 2] = [
            seconds("period", "background_task's sleep", 5.0, 0.1, 60.0, 0.1),
            seconds("main", "main's sleep before cancel()", 10.0, 0.0, 120.0, 0.1),
        ];
        const CONTEXT: [ParamSpec; 2] =
            [delay("acquire", "__aenter__'s sleep", 1.0), delay("release", "__aexit__'s sleep", 0.5)];
        const CPU: [ParamSpec; 3] = [
            seconds("work", "CPU-bound work", 1.0, 0.0, 10.0, 0.1),
            delay("io1", "first I/O task's sleep", 0.3),
            delay("io2", "second I/O task's sleep", 0.6),
        ];
        const STRESS: [ParamSpec; 2] = [
            ParamSpec {
                name: "n",
                label: "number of tasks",
                default: 100.0,
                min: 1.0,
                max: 100_000.0,
                step: 1.0,
                unit: "tasks",
                whole: true,
            },
            seconds("spread", "the last task's sleep (the others spread from 0 up to it)", 0.5, 0.0, 60.0, 0.1),
        ];
        match self {
            ScenarioId::Stress => &STRESS,
            ScenarioId::Coroutine => &COROUTINE,
            ScenarioId::SayHello => &SAY_HELLO,
            ScenarioId::FetchUrls => &FETCH,
            ScenarioId::Gather => &GATHER,
            ScenarioId::Background => &BACKGROUND,
            ScenarioId::ContextManager => &CONTEXT,
            ScenarioId::CpuVsIo => &CPU,
            ScenarioId::Code | ScenarioId::Gallery(_) => &[],
        }
    }

    /// The section's modes, first is the default; empty when it has none.
    pub fn modes(self) -> &'static [&'static str] {
        match self {
            ScenarioId::SayHello => &["concurrent", "sequential"],
            ScenarioId::FetchUrls => &["sequential", "concurrent"],
            ScenarioId::CpuVsIo => &["blocking", "worker"],
            _ => &[],
        }
    }
}
