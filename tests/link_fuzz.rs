//! Fuzzing the link decoder (`link::decode`) with proptest: whatever string sits in the address
//! bar, decoding never panics and always gives a state the page can use (every value inside its
//! `ParamSpec` range, a mode the section has, a speed the page offers) plus short notices, and that
//! state survives its own round trip.
//!
//! Four kinds of input, one test each: arbitrary strings, link-shaped strings built from the real
//! keys with hostile values, valid links mutated byte by byte, and percent-encoded junk.
//!
//! Cases per test come from `PROPTEST_CASES` (default `DEFAULT_CASES`, the short run of the test
//! command: 4 × 25,000 = 100,000 inputs). The long run, 4 × 250,000 = 1,000,000 inputs, in release
//! mode so it takes a minute or two rather than half an hour:
//!
//! ```sh
//! PROPTEST_CASES=250000 cargo test --release --test link_fuzz
//! ```
#![cfg(not(target_arch = "wasm32"))]

use async_playground::deflate::deflate;
use async_playground::link::{decode, encode, Link, SPEEDS};
use async_playground::scenarios::{Scenario, ScenarioId};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestRunner;

/// The short run: at most 25,000 cases per test, and at most `SHORT_RUN_BUDGET` of wall time per
/// test (the four run in parallel on two cores), whichever comes first: the decoder's cost in a
/// debug build changes as links gain features, the test command's time should not.
const DEFAULT_CASES: u32 = 25_000;
const SHORT_RUN_BUDGET: Duration = Duration::from_secs(6);

/// A notice is one sentence for a person: whatever junk a link holds, it quotes only a little of it.
const MAX_NOTICE_CHARS: usize = 400;

/// Run `check` on inputs from `strategy`, in chunks of `CHUNK`: `PROPTEST_CASES` of them (rounded
/// up to a chunk) when set, which is the long run; else the short run. Prints how many inputs were
/// tried.
fn fuzz<S>(name: &str, strategy: S)
where
    S: Strategy,
    S::Value: AsRef<str>,
{
    let asked = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.trim().parse::<u32>().ok());
    let (cases, budget) = match asked {
        Some(cases) => (cases, None),
        None => (DEFAULT_CASES, Some(SHORT_RUN_BUDGET)),
    };
    const CHUNK: u32 = 500;
    // No regression files: a failure prints its shrunk input, which goes into a plain unit test.
    let config = ProptestConfig { cases: CHUNK, failure_persistence: None, ..ProptestConfig::default() };
    // A runner counts its successes for good: each chunk gets a fresh one, seeded from the first.
    let mut seeds = TestRunner::new(config.clone());
    let started = Instant::now();
    let mut done = 0;
    while done < cases && budget.is_none_or(|budget| started.elapsed() < budget) {
        let mut runner = TestRunner::new_with_rng(config.clone(), seeds.new_rng());
        if let Err(failure) = runner.run(&strategy, |hash| check(hash.as_ref())) {
            panic!("{name}: {failure}");
        }
        done += CHUNK;
    }
    println!("{name}: {done} inputs decoded in {:.1} s", started.elapsed().as_secs_f64());
}

/// Everything a decoded link must be, whatever it was decoded from.
fn check(hash: &str) -> Result<(), TestCaseError> {
    let link = decode(hash);
    check_valid(hash, &link)?;
    // The state survives its own round trip: encoded and decoded again it is the same, quietly.
    let again = decode(&encode(&link.scenario, link.speed));
    prop_assert_eq!(&again.scenario, &link.scenario, "round trip of {:?}", hash);
    prop_assert_eq!(again.speed, link.speed, "round trip of {:?}", hash);
    prop_assert!(again.notices.is_empty(), "re-encoding {:?} gave notices {:?}", hash, again.notices);
    Ok(())
}

fn check_valid(input: &str, link: &Link) -> Result<(), TestCaseError> {
    // Messages quote the input's beginning only: some inputs are a megabyte long.
    let hash = match input.char_indices().nth(300) {
        Some((end, _)) => &input[..end],
        None => input,
    };
    let scenario = &link.scenario;
    let id = scenario.id;
    prop_assert!(ScenarioId::ALL.contains(&id));
    let specs = id.params();
    prop_assert_eq!(scenario.values.len(), specs.len(), "{:?}", hash);
    for (spec, &value) in specs.iter().zip(&scenario.values) {
        prop_assert_eq!(spec.validate(value), Ok(value), "{}={} from {:?}", spec.name, value, hash);
    }
    if id.modes().is_empty() {
        prop_assert_eq!(scenario.mode, "", "{:?}", hash);
    } else {
        prop_assert!(id.modes().contains(&scenario.mode), "mode {:?} from {:?}", scenario.mode, hash);
    }
    prop_assert!(SPEEDS.contains(&link.speed), "speed {} from {:?}", link.speed, hash);
    for notice in &link.notices {
        prop_assert!(!notice.trim().is_empty(), "an empty notice from {:?}", hash);
        prop_assert!(
            notice.chars().count() <= MAX_NOTICE_CHARS,
            "a notice of {} characters from {:?}: {:?}",
            notice.chars().count(),
            hash,
            notice
        );
    }
    // A bounded list: no more notices than the input has characters to cause them.
    prop_assert!(link.notices.len() <= input.len() / 2 + 12, "{} notices from {:?}", link.notices.len(), hash);
    Ok(())
}

// ---- what the inputs are made of ---------------------------------------------------------------

fn section_names() -> Vec<String> {
    let mut names: Vec<String> = ScenarioId::ALL.iter().map(|id| id.id().to_string()).collect();
    names.extend(ScenarioId::ALL.iter().map(|id| id.section().to_string()));
    names.extend(["", "SAY-HELLO", "say_hello", "say-he", "gather/", "44", "%73ay-hello"].map(String::from));
    names
}

fn keys() -> Vec<String> {
    let mut keys: Vec<String> =
        ScenarioId::ALL.iter().flat_map(|id| id.params().iter().map(|p| p.name.to_string())).collect();
    keys.extend(
        ["mode", "speed", "v", "url", "ideal", "compare", "run", "embed", "lock", "code", "", "charl", "MODE", "a b"]
            .map(String::from),
    );
    keys
}

/// Values a person, a mail client or an attacker might put after `=`.
fn hostile_values() -> Vec<String> {
    [
        "",
        "0",
        "-0",
        "1",
        "1.5",
        "1,5",
        " 2 ",
        "+3",
        "60",
        "60.0000001",
        "-1",
        "1e9",
        "1e309",
        "-1e309",
        "1e-400",
        "5e-324",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "infinity",
        "0x10",
        "1_000",
        "2.5",
        "99999999999999999999",
        "20x",
        "20×",
        "0.5x",
        "١",
        "１",
        "concurrent",
        "sequential",
        "worker",
        "blocking",
        "Concurrent",
        "true",
        "on",
        "2",
        "%",
        "%%",
        "%2",
        "%zz",
        "%C3%28",
        "%E2%82",
        "%00",
        "+",
        "<img src=x onerror=alert(1)>",
        "\"'><svg onload=1>",
        "https://api.github.com/users/python",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "\u{202e}abc",
        "\n",
        "\t",
        "\u{0}",
    ]
    .map(String::from)
    .to_vec()
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(hostile_values()),
        2 => any::<f64>().prop_map(|v| v.to_string()),
        2 => (-1_000.0..200_000.0f64).prop_map(|v| format!("{v}")),
        2 => "[0-9.,eE+x-]{0,10}",
        1 => percent_junk(),
        1 => any::<String>(),
        2 => code_value(),
    ]
}

/// What may follow `code=`: a real program's stream (whole, cut, or with bytes changed: the
/// inflater's fuzzing through links), base64url of junk, or characters base64 doesn't have.
fn code_value() -> impl Strategy<Value = String> {
    let program = prop_oneof![
        any::<String>().prop_map(String::into_bytes),
        "(print\\(\"[a-z ]{0,12}\"\\)\n){1,20}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..200),
    ];
    let stream = (
        program,
        any::<prop::sample::Index>(),
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
    )
        .prop_map(|(program, cut, changes)| {
            let mut stream = deflate(&program);
            for (at, byte) in changes {
                let i = at.index(stream.len());
                stream[i] ^= byte;
            }
            if cut.index(4) == 0 {
                stream.truncate(cut.index(stream.len() + 1));
            }
            base64url(&stream)
        });
    prop_oneof![
        4 => stream,
        1 => proptest::collection::vec(any::<u8>(), 0..300).prop_map(|junk| base64url(&junk)),
        1 => "[A-Za-z0-9_+/= -]{0,40}",
        1 => "AwA|_____w|A|==|7cGBAAAAAMMg1vlL_CBVAQ[A]{0,80}wA0",
    ]
}

/// base64url without padding, as links write it.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |g, (i, &b)| g | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(group >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![6 => select(keys()), 1 => "[a-z]{0,7}", 1 => any::<String>(), 1 => percent_junk()]
}

/// `%XX` escapes of any byte (invalid UTF-8 included), broken escapes, and the query's own
/// punctuation, glued together.
fn percent_junk() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<u8>().prop_map(|b| format!("%{b:02X}")),
        1 => any::<u8>().prop_map(|b| format!("%{b:02x}")),
        1 => "%[0-9a-fA-Fg-z]?",
        1 => select(["%", "%%", "%25", "%2525", "+", "&", "=", "?", "#", "/", "&&", "==", "%26", "%3D", "%3F"].map(String::from).to_vec()),
        1 => "[a-z0-9]{1,3}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// A string shaped like a link: a prefix, a section, then `key=value` pairs with the real keys.
fn link_shaped() -> impl Strategy<Value = String> {
    let pair = (key(), proptest::option::weighted(0.9, value()), select(vec!["=", "=", "=", "==", "%3D"]));
    (
        select(vec!["", "#", "#/", "/", "##/", " #/", "#//", "#/?"]),
        prop_oneof![4 => select(section_names()), 1 => "[a-z0-9.-]{0,14}", 1 => any::<String>()],
        select(vec!["?", "?", "?", "", "??", "/?", "%3F"]),
        proptest::collection::vec(pair, 0..14),
        select(vec!["&", "&", "&", "&&", "&amp;", ";"]),
    )
        .prop_map(|(prefix, section, question, pairs, separator)| {
            let query: Vec<String> = pairs
                .into_iter()
                .map(|(key, value, equals)| match value {
                    Some(value) => format!("{key}{equals}{value}"),
                    None => key,
                })
                .collect();
            format!("{prefix}{section}{question}{}", query.join(separator))
        })
}

/// A valid link: any section, any value inside each range, any mode, any speed, and sometimes a
/// program of its own.
fn valid_link() -> impl Strategy<Value = String> {
    (
        0..ScenarioId::ALL.len(),
        proptest::collection::vec(0.0..=1.0f64, 3),
        any::<prop::sample::Index>(),
        0..SPEEDS.len(),
        proptest::option::weighted(0.3, prop_oneof![any::<String>(), "(print\\([0-9a-z+*]{1,10}\\)\n){1,10}"]),
    )
        .prop_map(|(section, fractions, mode, speed, code)| {
            let id = ScenarioId::ALL[section];
            let mut scenario = Scenario::new(id);
            for (spec, fraction) in id.params().iter().zip(fractions) {
                let value = spec.clamp(spec.min + (spec.max - spec.min) * fraction);
                scenario.set(spec.name, value).expect("a value inside the range");
            }
            if !id.modes().is_empty() {
                let mode: &str = mode.get::<&str>(id.modes());
                scenario.set_mode(mode).expect("a mode of the section");
            }
            scenario.code = code;
            encode(&scenario, SPEEDS[speed])
        })
}

#[derive(Clone, Debug)]
enum Mutation {
    Insert(prop::sample::Index, String),
    Delete(prop::sample::Index, usize),
    Replace(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
    Duplicate(prop::sample::Index, usize),
    /// Percent-encode a stretch (which may already hold escapes: double encoding).
    Escape(prop::sample::Index, usize),
    EscapeAll,
    Uppercase,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>();
    prop_oneof![
        3 => (index.clone(), prop_oneof![select(hostile_values()), "[&=?#%/+]{1,3}", any::<String>()])
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
        2 => (index.clone(), 1..8usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        2 => (index.clone(), any::<u8>()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        1 => index.clone().prop_map(Mutation::Truncate),
        1 => (index.clone(), 1..30usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        1 => (index, 1..20usize).prop_map(|(i, n)| Mutation::Escape(i, n)),
        1 => Just(Mutation::EscapeAll),
        1 => Just(Mutation::Uppercase),
    ]
}

/// Apply mutations to the bytes of a link (so they may cut a character in half: the result is
/// read back lossily, as a browser would show it).
fn mutate(link: String, mutations: Vec<Mutation>) -> String {
    let mut bytes = link.into_bytes();
    for mutation in mutations {
        let len = bytes.len();
        let at = |i: &prop::sample::Index| if len == 0 { 0 } else { i.index(len + 1) };
        match mutation {
            Mutation::Insert(i, text) => {
                let at = at(&i);
                bytes.splice(at..at, text.into_bytes());
            }
            Mutation::Delete(i, n) => {
                let at = at(&i).min(len);
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::Replace(i, byte) => {
                if len > 0 {
                    bytes[i.index(len)] = byte;
                }
            }
            Mutation::Truncate(i) => bytes.truncate(at(&i)),
            Mutation::Duplicate(i, n) => {
                let at = at(&i).min(len);
                let copy: Vec<u8> = bytes[at..(at + n).min(len)].to_vec();
                bytes.splice(at..at, copy);
            }
            Mutation::Escape(i, n) => {
                let at = at(&i).min(len);
                let end = (at + n).min(len);
                let escaped: Vec<u8> = bytes[at..end].iter().flat_map(|b| format!("%{b:02X}").into_bytes()).collect();
                bytes.splice(at..end, escaped);
            }
            Mutation::EscapeAll => {
                bytes = bytes.iter().flat_map(|b| format!("%{b:02X}").into_bytes()).collect();
            }
            Mutation::Uppercase => bytes.make_ascii_uppercase(),
        }
        // Keep inputs bounded: escaping twice a long link grows it ninefold.
        bytes.truncate(20_000);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn arbitrary_strings_decode_to_a_valid_state() {
    fuzz(
        "arbitrary strings",
        prop_oneof![
            any::<String>(),
            proptest::collection::vec(any::<u8>(), 0..300).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        ],
    );
}

#[test]
fn link_shaped_strings_with_hostile_values_decode_to_a_valid_state() {
    fuzz("link-shaped strings", link_shaped());
}

#[test]
fn mutated_valid_links_decode_to_a_valid_state() {
    fuzz(
        "mutated valid links",
        (valid_link(), proptest::collection::vec(mutation(), 0..6)).prop_map(|(link, m)| mutate(link, m)),
    );
}

#[test]
fn percent_encoded_junk_decodes_to_a_valid_state() {
    fuzz(
        "percent-encoded junk",
        (select(vec!["", "#/", "#/gather?", "#/say-hello?alice=", "#/fetch-urls?url="]), percent_junk())
            .prop_map(|(prefix, junk)| format!("{prefix}{junk}")),
    );
}

/// Valid links decode to exactly what they hold, quietly.
#[test]
fn unmutated_valid_links_decode_quietly() {
    let config = ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = TestRunner::new(config);
    runner
        .run(&valid_link(), |hash| {
            let link = decode(&hash);
            prop_assert!(link.notices.is_empty(), "{:?}: {:?}", hash, link.notices);
            prop_assert_eq!(encode(&link.scenario, link.speed), hash);
            Ok(())
        })
        .unwrap();
}

/// Huge inputs: a megabyte of settings still decodes to a valid state (the time is printed, not
/// asserted: the machine is shared).
#[test]
fn a_megabyte_of_link_decodes_to_a_valid_state() {
    let distinct: String = (0..5_000).map(|i| format!("k{i}=1&")).collect();
    let repeated = "alice=<img src=x onerror=alert(1)>&zz=1&".repeat(25_000);
    for hash in [
        format!("#/say-hello?{repeated}"),
        format!("#/gather?{distinct}"),
        "%".repeat(1 << 20),
        "&".repeat(1 << 20),
        "=".repeat(1 << 20),
        format!("#/fetch-urls?{}", "url=https://example.com/&".repeat(40_000)),
    ] {
        let started = std::time::Instant::now();
        let link = decode(&hash);
        let elapsed = started.elapsed();
        let short = &hash[..hash.len().min(60)];
        println!("{} bytes ({short}…): {elapsed:?}, {} notices", hash.len(), link.notices.len());
        check_valid(&hash, &link).unwrap_or_else(|e| panic!("{short}…: {e}"));
    }
}

/// A setting repeated thousands of times with a bad value gives a few notices, not one each (the
/// decoder of issue 8's start gave 25,000 sentences here; found by the megabyte test above).
#[test]
fn a_link_repeating_one_bad_setting_gives_a_few_notices_not_thousands() {
    let link = decode(&format!("#/say-hello?{}", "alice=abc&".repeat(25_000)));
    assert!(
        link.notices.len() <= 5,
        "{} notices: {:?}",
        link.notices.len(),
        &link.notices[..5.min(link.notices.len())]
    );
}
