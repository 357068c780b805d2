//! Golden links: fixed links and what they open, pinned forever. People keep links in course
//! pages, slides and emails for years, so a link that once opened a state must keep opening that
//! same state in every later version of the playground.
//!
//! NEVER update these expectations (with UPDATE_EXPECT=1 or by hand) to make a change pass: a
//! difference here means old links now open differently. Add new cases instead, and if the format
//! must change, bump `link::VERSION` and keep reading `v=1` links as below. Notices are counted, not
//! quoted: their wording may improve, what the link opens may not. The one allowed edit: a section
//! that gains a parameter shows it with its default in every line of that section (old links
//! don't have it, so they get the default); every value already written here must stay.

use async_playground::engine::value::py_number;
use async_playground::link::{decode, Link, MAX_CODE_CHARS};
use expect_test::{expect, Expect};

/// Everything a link decides, one line: section, values, mode, URLs, speed, view, flags, and how
/// many notices it gives.
fn describe(link: &Link) -> String {
    let s = &link.scenario;
    let mut parts = vec![s.id.id().to_string()];
    for (spec, value) in s.id.params().iter().zip(&s.values) {
        parts.push(format!("{}={}", spec.name, py_number(*value)));
    }
    if !s.mode.is_empty() {
        parts.push(format!("mode={}", s.mode));
    }
    if s.id.id() == "fetch-urls" {
        parts.push(format!("urls={:?}", s.urls));
    }
    parts.push(format!("speed={}", link.speed));
    parts.push(format!("ideal={} compare={}", link.view.ideal as u8, link.view.compare as u8));
    parts.push(format!("run={} embed={} lock={}", link.run as u8, link.embed as u8, link.lock as u8));
    parts.push(format!("notices={}", link.notices.len()));
    parts.join(" ")
}

fn check(links: &[&str], expected: Expect) {
    let actual: Vec<String> = links.iter().map(|hash| format!("{hash}\n  → {}", describe(&decode(hash)))).collect();
    expected.assert_eq(&(actual.join("\n") + "\n"));
}

#[test]
fn links_as_version_1_writes_them() {
    check(
        &[
            "#/coroutine?delay=2&speed=1&ideal=1&v=1",
            "#/say-hello?alice=1.5&bob=1&charlie=3&mode=concurrent&speed=20&ideal=1&compare=1&v=1",
            "#/say-hello?alice=2&bob=1&charlie=3&mode=sequential&speed=5&ideal=0&compare=0&v=1",
            "#/fetch-urls?latency=0.3&mode=concurrent&url=https://api.github.com/users/python&url=https://api.github.com/users/github&url=https://api.github.com/users/torvalds&speed=1&ideal=1&compare=1&v=1",
            "#/fetch-urls?latency=1.25&mode=sequential&url=https://example.org/a?x=1%26y=2&url=sample-api/users/ada&speed=2&ideal=1&compare=1&v=1",
            "#/fetch-urls?latency=0.3&timeout=2.5&mode=concurrent&url=sample-api/users/python?delay=0.3%26body=0.1&url=sample-api/users/github?delay=0.5%26body=0.1&speed=1&ideal=1&compare=1&v=1",
            "#/gather?a=1&b=2&speed=1&ideal=1&v=1",
            "#/background?period=0.5&main=1.6&speed=10&ideal=1&v=1",
            "#/context-manager?acquire=0&release=5e-05&speed=1&ideal=1&v=1",
            "#/cpu-vs-io?work=2&io1=0.3&io2=0.6&mode=worker&speed=2&ideal=1&v=1",
            "#/many-tasks?n=100000&spread=60&speed=20&ideal=0&v=1",
            "#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&run=1&v=1",
            "#/gather?a=3&b=0.5&speed=2&ideal=1&embed=1&lock=1&v=1",
            "#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&run=1&embed=1&v=1",
        ],
        expect![[r##"
            #/coroutine?delay=2&speed=1&ideal=1&v=1
              → coroutine delay=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/say-hello?alice=1.5&bob=1&charlie=3&mode=concurrent&speed=20&ideal=1&compare=1&v=1
              → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=20 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/say-hello?alice=2&bob=1&charlie=3&mode=sequential&speed=5&ideal=0&compare=0&v=1
              → say-hello alice=2 bob=1 charlie=3 mode=sequential speed=5 ideal=0 compare=0 run=0 embed=0 lock=0 notices=0
            #/fetch-urls?latency=0.3&mode=concurrent&url=https://api.github.com/users/python&url=https://api.github.com/users/github&url=https://api.github.com/users/torvalds&speed=1&ideal=1&compare=1&v=1
              → fetch-urls latency=0.3 timeout=10 mode=concurrent urls=["https://api.github.com/users/python", "https://api.github.com/users/github", "https://api.github.com/users/torvalds"] speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/fetch-urls?latency=1.25&mode=sequential&url=https://example.org/a?x=1%26y=2&url=sample-api/users/ada&speed=2&ideal=1&compare=1&v=1
              → fetch-urls latency=1.25 timeout=10 mode=sequential urls=["https://example.org/a?x=1&y=2", "sample-api/users/ada"] speed=2 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/fetch-urls?latency=0.3&timeout=2.5&mode=concurrent&url=sample-api/users/python?delay=0.3%26body=0.1&url=sample-api/users/github?delay=0.5%26body=0.1&speed=1&ideal=1&compare=1&v=1
              → fetch-urls latency=0.3 timeout=2.5 mode=concurrent urls=["sample-api/users/python?delay=0.3&body=0.1", "sample-api/users/github?delay=0.5&body=0.1"] speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/gather?a=1&b=2&speed=1&ideal=1&v=1
              → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/background?period=0.5&main=1.6&speed=10&ideal=1&v=1
              → background period=0.5 main=1.6 speed=10 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/context-manager?acquire=0&release=5e-05&speed=1&ideal=1&v=1
              → context-manager acquire=0 release=5e-05 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/cpu-vs-io?work=2&io1=0.3&io2=0.6&mode=worker&speed=2&ideal=1&v=1
              → cpu-vs-io work=2 io1=0.3 io2=0.6 mode=worker speed=2 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/many-tasks?n=100000&spread=60&speed=20&ideal=0&v=1
              → many-tasks n=100000 spread=60 speed=20 ideal=0 compare=1 run=0 embed=0 lock=0 notices=0
            #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&run=1&v=1
              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=1 embed=0 lock=0 notices=0
            #/gather?a=3&b=0.5&speed=2&ideal=1&embed=1&lock=1&v=1
              → gather a=3 b=0.5 speed=2 ideal=1 compare=1 run=0 embed=1 lock=1 notices=0
            #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&run=1&embed=1&v=1
              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=1 embed=1 lock=0 notices=0
        "##]],
    );
}

#[test]
fn links_of_the_first_page_and_short_hand_written_ones() {
    // The page's first links had no view options: they show the ideal run and the comparison.
    check(
        &[
            "#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&v=1",
            "#/gather?a=1&b=2&speed=1&v=1",
            "#/say-hello?alice=1.5",
            "#/say-hello",
            "#/fetch-urls",
            "",
            "#",
            "gather?a=0,5",
            "#/44.4.2?period=1",
            "#/Say-Hello?BOB=2&speed=10x&mode=Sequential",
            "#/many-tasks?n=1000&run",
            "#/fetch-urls?url=sample-api/a&url=sample-api/b",
        ],
        expect![[r##"
            #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&v=1
              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/gather?a=1&b=2&speed=1&v=1
              → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/say-hello?alice=1.5
              → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/say-hello
              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/fetch-urls
              → fetch-urls latency=0.3 timeout=10 mode=sequential urls=["https://api.github.com/users/python", "https://api.github.com/users/github", "https://api.github.com/users/torvalds"] speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0

              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #
              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            gather?a=0,5
              → gather a=0.5 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/44.4.2?period=1
              → background period=1 main=10 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/Say-Hello?BOB=2&speed=10x&mode=Sequential
              → say-hello alice=2 bob=2 charlie=3 mode=sequential speed=10 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
            #/many-tasks?n=1000&run
              → many-tasks n=1000 spread=0.5 speed=1 ideal=1 compare=1 run=1 embed=0 lock=0 notices=0
            #/fetch-urls?url=sample-api/a&url=sample-api/b
              → fetch-urls latency=0.3 timeout=10 mode=sequential urls=["sample-api/a", "sample-api/b"] speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=0
        "##]],
    );
}

#[test]
fn bad_links_open_the_nearest_valid_state() {
    check(
        &[
            // Unknown section, unknown keys, not numbers, negative, NaN, huge.
            "#/no-such-section?alice=1",
            "#/gather?a=1&colour=red&theme=dark&v=1",
            "#/say-hello?alice=abc&bob=NaN&charlie=inf",
            "#/say-hello?alice=-4&bob=1e999&charlie=99999999",
            "#/many-tasks?n=2.6&spread=-0",
            "#/say-hello?speed=0&mode=parallel&ideal=maybe",
            "#/gather?speed=15&mode=sequential",
            // Truncated.
            "#/say-he",
            "#/say-hello?alice=1.5&bob=0.5&charl",
            "#/say-hello?alice=1.5&bob=0.5%2",
            // Double-encoded.
            "#%2Fsay-hello%3Falice%3D1.5%26bob%3D4%26v%3D1",
            "#/say-hello?alice=1%252E5",
            "#/say-hello?alice=1.5%26bob=4%26v=1",
            // A newer version (`v=2` was one until version 2 came: see `links_as_version_2_writes_them`).
            "#/say-hello?alice=1.5&v=3&theme=dark",
            // URLs that can't be requested.
            "#/fetch-urls?url=javascript:alert(1)&url=https://ok.example/a",
            "#/fetch-urls?url=ftp://x",
            "#/gather?url=https://x.example",
        ],
        expect![[r##"
            #/no-such-section?alice=1
              → say-hello alice=1 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
            #/gather?a=1&colour=red&theme=dark&v=1
              → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
            #/say-hello?alice=abc&bob=NaN&charlie=inf
              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=3
            #/say-hello?alice=-4&bob=1e999&charlie=99999999
              → say-hello alice=0 bob=60 charlie=60 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=3
            #/many-tasks?n=2.6&spread=-0
              → many-tasks n=3 spread=0 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
            #/say-hello?speed=0&mode=parallel&ideal=maybe
              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=3
            #/gather?speed=15&mode=sequential
              → gather a=1 b=2 speed=20 ideal=1 compare=1 run=0 embed=0 lock=0 notices=2
            #/say-he
              → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=2
            #/say-hello?alice=1.5&bob=0.5&charl
              → say-hello alice=1.5 bob=0.5 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
            #/say-hello?alice=1.5&bob=0.5%2
              → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=2
            #%2Fsay-hello%3Falice%3D1.5%26bob%3D4%26v%3D1
              → say-hello alice=1.5 bob=4 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
            #/say-hello?alice=1%252E5
              → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
            #/say-hello?alice=1.5%26bob=4%26v=1
              → say-hello alice=1.5 bob=4 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
            #/say-hello?alice=1.5&v=3&theme=dark
              → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=2
            #/fetch-urls?url=javascript:alert(1)&url=https://ok.example/a
              → fetch-urls latency=0.3 timeout=10 mode=sequential urls=["https://ok.example/a"] speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
            #/fetch-urls?url=ftp://x
              → fetch-urls latency=0.3 timeout=10 mode=sequential urls=["https://api.github.com/users/python", "https://api.github.com/users/github", "https://api.github.com/users/torvalds"] speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=2
            #/gather?url=https://x.example
              → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 notices=1
        "##]],
    );
}

/// The keys added for scrubbing, predict mode and the events table (still v=1: old links don't
/// have them and open as before).
#[test]
fn moments_predict_mode_and_the_table_view() {
    let describe_new = |link: &Link| {
        format!(
            "{} t={:?} predict={} table={} notices={}",
            describe(link).split(" notices=").next().unwrap_or(""),
            link.cursor,
            link.predict as u8,
            link.view.table as u8,
            link.notices.len()
        )
    };
    let links = [
        "#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&t=1.5&v=1",
        "#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&predict=1&v=1",
        "#/gather?a=1&b=2&speed=1&ideal=1&table=1&t=0&v=1",
        "#/gather?t=2.5s",
        "#/gather?t=soon",
        "#/gather?t=-1",
        "#/gather?t=1e300",
    ];
    let actual: Vec<String> = links.iter().map(|hash| format!("{hash}\n  → {}", describe_new(&decode(hash)))).collect();
    expect![[r#"
        #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&t=1.5&v=1
          → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 t=Some(1500000) predict=0 table=0 notices=0
        #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&predict=1&v=1
          → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 t=None predict=1 table=0 notices=0
        #/gather?a=1&b=2&speed=1&ideal=1&table=1&t=0&v=1
          → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 t=Some(0) predict=0 table=1 notices=0
        #/gather?t=2.5s
          → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 t=Some(2500000) predict=0 table=0 notices=0
        #/gather?t=soon
          → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 t=None predict=0 table=0 notices=1
        #/gather?t=-1
          → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 t=None predict=0 table=0 notices=1
        #/gather?t=1e300
          → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 t=Some(86400000000) predict=0 table=0 notices=1
    "#]].assert_eq(&(actual.join("\n") + "\n"));
}

/// The chapter's 44.2 program as version 2 was written, literally: the golden links below hold it
/// compressed, and must give back exactly this text even if the chapter's code changes.
const SAY_HELLO: &str = r#"import asyncio

async def say_hello(name, delay):
    """Greet after delay"""
    await asyncio.sleep(delay)
    print(f"Hello, {name}!")

# Concurrent
async def main():
    """Run multiple greetings concurrently"""
    # Create tasks
    task1 = asyncio.create_task(say_hello("Alice", 2))
    task2 = asyncio.create_task(say_hello("Bob", 1))
    task3 = asyncio.create_task(say_hello("Charlie", 3))

    # Wait for all tasks concurrently
    await asyncio.gather(task1, task2, task3)

# Run the async program
await main()
"#;

/// `SAY_HELLO` as Python's zlib writes it (`zlib.compressobj(9, zlib.DEFLATED, -15)`, a dynamic
/// Huffman block; README's one-liner), and as this playground's encoder writes it (one fixed block).
const SAY_HELLO_ZLIB: &str = "hZFPS8QwEMXv-RRjvKRQhN3eBA-6Bz178biMddqGnSQlSZEifnfzR7orCNtLwsz8Xt68ajM7HwHDanvthCgX-KABAq7HiZidsmioTTXGtbkXkD4p5bMnStwQyddWqpUefqLeBO8CE82qsqU9e22jGuRLlm7hK4t_38hGiFs4ONsv3pONFz4MaqvO774uFszCUc9MMGYT2o4B-g3lzUkS9ISRIGI4hVLKtx08bPb6MnDMZXVeWD6y7km2sG-aDdtfx57ce4J2F1B3HTpM6Fnn17oE_hp_yxkOzgMyV_t_Nvwn6BHjRF6VBdtquB5diTbHlgbqePoJbvRoRJWoCYsf";
const SAY_HELLO_OURS: &str = "y8wtyC8qUUgsrsxLzszn4gIzFFJS0xSKEyvjM1JzcvI18hJzU3WAYjmJlZpWXApAoKSk5F6UmgrUl1aSWgSRAoqB5RLLEzPhBuoV56SmFmhA9IKlC4oy80o00pQ8QEbrKFSDDK9VVNLk4lJWcM7PSy4tKkrNK0FyR25iZp4Gwt6g0jyF3NKcksyCnFSFdJAjMvPSixWS4Vpz4C4BGliUmliSqlCSWJxdDBYCsQwVbOHOSwYriAcJayA8rOSYk5mcqqSjYKQJcTRI3oiwNqf8JKAmQyRNxoQ1OWckFuVkgmwzBmqEOjwcFIZp-UUKiTk5EOej-BBLQKcnlmSkFmmAPagDcTCEMgYHLSjYgAogyoGRkJ9elJjLBTECEsJcAA";

/// Version 2: `code=`, a person's own program (raw DEFLATE, base64url). Whatever is wrong with it
/// (not base64, not DEFLATE, cut off, too long, not UTF-8) gives one notice and the section's own
/// code, with the link's other settings applied. A `v=1` link never had `code=`: there it stays an
/// unknown key, as version 1 read it.
#[test]
fn links_as_version_2_writes_them() {
    let small = "SyyuzEtWSElNU8hNzMzT0LTiUgCCgqLMvBINpYzUnJx8JU2uRKopAgA";
    let cut = format!(
        "#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&code={}",
        &SAY_HELLO_ZLIB[..200]
    );
    let links = [
        format!("#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&code={SAY_HELLO_ZLIB}&v=2"),
        format!("#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&code={SAY_HELLO_OURS}&v=2"),
        format!("#/gather?a=1&b=2&speed=5&ideal=0&run=1&lock=1&code={small}&v=2"),
        // Padded, and without a version (a hand-written link is read as the current version).
        format!("#/gather?code={small}="),
        // The empty program.
        "#/gather?code=AwA&v=2".to_string(),
        // The key `v=2` alone: version 2, nothing to say (before version 2 it was "newer").
        "#/say-hello?alice=1.5&v=2&theme=dark".to_string(),
        // A v=1 link with `code=`: not part of version 1, ignored as it always was.
        format!("#/gather?a=3&code={small}&v=1"),
        // Not base64url; one character alone; not DEFLATE (block type 3); empty.
        "#/say-hello?alice=1.5&code=not*base64!&v=2".to_string(),
        "#/say-hello?alice=1.5&code=A&v=2".to_string(),
        "#/say-hello?alice=1.5&code=_____w&v=2".to_string(),
        "#/say-hello?alice=1.5&code=&v=2".to_string(),
        // Cut off inside the stream: with its end, and without (the link cut there).
        format!("{cut}&v=2"),
        cut,
        // Valid DEFLATE that inflates to 64 KiB + 1 byte ('a' repeated: a zip bomb in small).
        "#/gather?b=3&code=7cGBAAAAAMMg1vlL_CBVAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwA0&v=2".to_string(),
        // Valid DEFLATE of bytes that are not UTF-8.
        "#/gather?b=3&code=KyjKzCvRMNTkOqzBBQA&v=2".to_string(),
    ];
    let actual: Vec<String> = links
        .iter()
        .map(|hash| {
            // Long links by their beginning and end (ASCII: cut anywhere).
            let shown = match hash.len() {
                0..=130 => hash.clone(),
                n => format!("{}…{}", &hash[..100], &hash[n - 20..]),
            };
            format!("{shown}\n  → {}", describe_v2(&decode(hash)))
        })
        .collect();
    expect![[r##"
        #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&code=hZFPS8QwEMXv-RRjv…ePoJbvRoRJWoCYsf&v=2
          → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=523 bytes "import asyncio" notices=0
        #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&code=y8wtyC8qUUgsrsxLz…9elJjLBTECEsJcAA&v=2
          → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=523 bytes "import asyncio" notices=0
        #/gather?a=1&b=2&speed=5&ideal=0&run=1&lock=1&code=SyyuzEtWSElNU8hNzMzT0LTiUgCCgqLMvBINpYzUnJx8JU2uRKopAgA&v=2
          → gather a=1 b=2 speed=5 ideal=0 compare=1 run=1 embed=0 lock=1 code=111 bytes "async def main():" notices=0
        #/gather?code=SyyuzEtWSElNU8hNzMzT0LTiUgCCgqLMvBINpYzUnJx8JU2uRKopAgA=
          → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=111 bytes "async def main():" notices=0
        #/gather?code=AwA&v=2
          → gather a=1 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=0 bytes "" notices=0
        #/say-hello?alice=1.5&v=2&theme=dark
          → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/gather?a=3&code=SyyuzEtWSElNU8hNzMzT0LTiUgCCgqLMvBINpYzUnJx8JU2uRKopAgA&v=1
          → gather a=3 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/say-hello?alice=1.5&code=not*base64!&v=2
          → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/say-hello?alice=1.5&code=A&v=2
          → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/say-hello?alice=1.5&code=_____w&v=2
          → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/say-hello?alice=1.5&code=&v=2
          → say-hello alice=1.5 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&code=hZFPS8QwEMXv-RRjv…774uFszCUc9MMGYT&v=2
          → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&compare=1&code=hZFPS8QwEMXv-RRjv…aqvO774uFszCUc9MMGYT
          → say-hello alice=2 bob=1 charlie=3 mode=concurrent speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/gather?b=3&code=7cGBAAAAAMMg1vlL_CBVAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwA0&v=2
          → gather a=1 b=3 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
        #/gather?b=3&code=KyjKzCvRMNTkOqzBBQA&v=2
          → gather a=1 b=3 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1
    "##]].assert_eq(&(actual.join("\n") + "\n"));
    assert_eq!(decode(&links[0]).scenario.code.as_deref(), Some(SAY_HELLO), "zlib's stream");
    assert_eq!(decode(&links[1]).scenario.code.as_deref(), Some(SAY_HELLO), "the playground's stream");
}

/// A `code=` value longer than `MAX_CODE_CHARS` is refused before it is decoded, whatever it holds.
#[test]
fn an_over_long_code_is_refused_unread() {
    let long = format!("#/gather?a=3&code={}&v=2", "A".repeat(MAX_CODE_CHARS + 1));
    expect!["gather a=3 b=2 speed=1 ideal=1 compare=1 run=0 embed=0 lock=0 code=None notices=1"]
        .assert_eq(&describe_v2(&decode(&long)));
}

/// `describe`, plus the program a link carries: its size and first line.
fn describe_v2(link: &Link) -> String {
    let code = match &link.scenario.code {
        None => "code=None".to_string(),
        Some(code) => format!("code={} bytes {:?}", code.len(), code.lines().next().unwrap_or("")),
    };
    let described = describe(link);
    let (settings, notices) = described.split_once(" notices=").unwrap_or((&described, ""));
    format!("{settings} {code} notices={notices}")
}
