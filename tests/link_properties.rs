//! Round-trip properties of the link codec (`link::Link::to_hash` ⇄ `link::decode`), with proptest:
//! every state the page can be in (section, every value in its range, mode, 44.3's URL list,
//! speed, view options, run/embed/lock, a person's own program: any UTF-8 text) is written as a link that decodes to exactly that state,
//! quietly; the link uses only characters an address bar keeps as they are; and whatever a link
//! decodes to is itself a state that round-trips.
//!
//! Fuzzing the decoder with hostile input is `tests/link_fuzz.rs`; fixed links whose meaning must
//! never change are `tests/link_golden.rs`.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::link::{compares, decode, history_step, HistoryStep, Link, View, MAX_URLS, SPEEDS};
use async_playground::scenarios::{Scenario, ScenarioId};
use proptest::prelude::*;
use proptest::sample::{select, Index};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.trim().parse().ok()).unwrap_or(2_000);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A value of a parameter as people set them: a step of the slider, a typed decimal, a tiny
/// value (written `5e-05`), either end of the range, or any float in between.
fn value_in(min: f64, max: f64, whole: bool) -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => (0.0..=1.0f64).prop_map(move |f| min + (max - min) * f),
        2 => (0..=1_000u32).prop_map(move |n| (min + f64::from(n) / 10.0).min(max)),
        1 => (0.0..1e-3f64).prop_map(move |v| (min + v).min(max)),
        1 => select(vec![min, max]),
    ]
    .prop_map(move |v| if whole { v.round().clamp(min, max) } else { v })
}

/// Addresses the URL list may hold: the web's and the site's own sample API, with the characters
/// that need escaping in a link (`&`, `%`, `+`, `#`, `=`, `?`).
fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "https?://[a-z0-9-]{1,12}(\\.[a-z]{2,5})?(:[0-9]{2,5})?(/[A-Za-z0-9._~!$'()*,;:@-]{0,10}){0,3}",
        2 => "https://[a-z]{1,8}\\.example/[a-z]{0,6}\\?[a-z]{1,4}=[a-z0-9%+#=]{0,8}(&[a-z]{1,4}=[a-z0-9]{0,5}){0,2}",
        1 => "sample-api/[a-z0-9/._-]{1,20}",
        1 => "https://[a-z]{1,8}\\.example/%[0-9A-F]{2}[a-z]{0,4}",
    ]
}

/// A person's own program (`Scenario::code`): mostly none, else any UTF-8 text (control
/// characters, astral planes, nothing at all), or code-like text that compresses.
fn own_code() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        1 => any::<String>().prop_map(Some),
        1 => "(async def [a-z]{1,6}\\(\\):\n    await asyncio\\.sleep\\([0-9.]{1,4}\\)\n    print\\(f?\"[^\"]{0,20}\"\\)\n\n){1,8}"
            .prop_map(Some),
        1 => proptest::collection::vec(any::<char>(), 0..600).prop_map(|c| Some(c.into_iter().collect())),
    ]
}

/// Any state the page can be in, as a link.
fn any_link() -> impl Strategy<Value = Link> {
    (0..ScenarioId::ALL.len())
        .prop_flat_map(|section| {
            let id = ScenarioId::ALL[section];
            // The values depend on the section's ranges.
            let values: Vec<BoxedStrategy<f64>> =
                id.params().iter().map(|spec| value_in(spec.min, spec.max, spec.whole).boxed()).collect();
            (
                Just(id),
                values,
                any::<Index>(),
                proptest::collection::vec(url(), 1..=MAX_URLS),
                select(SPEEDS.to_vec()),
                any::<[bool; 7]>(),
                proptest::option::of(0..=async_playground::link::MAX_CURSOR),
                own_code(),
            )
        })
        .prop_map(
            |(id, values, mode, urls, speed, [ideal, compare, table, predict, run, embed, lock], cursor, code)| {
                let mut scenario = Scenario::new(id);
                for (spec, value) in id.params().iter().zip(values) {
                    // A person means 0, not -0 (which the link would write "-0" and read back as 0).
                    let value = if value == 0.0 { 0.0 } else { value };
                    scenario.set(spec.name, value).expect("a value inside the range");
                }
                if !id.modes().is_empty() {
                    let modes = id.modes();
                    scenario.set_mode(modes[mode.index(modes.len())]).expect("a mode of the section");
                }
                if id == ScenarioId::FetchUrls {
                    scenario.urls = urls;
                }
                scenario.code = code;
                let mut link = Link::new(scenario, speed);
                // Only 44.2 and 44.3 write `compare`: elsewhere it stays at its default.
                link.view = View { ideal, compare: compare || !compares(id), table };
                (link.run, link.embed, link.lock, link.predict, link.cursor) = (run, embed, lock, predict, cursor);
                link
            },
        )
}

/// What `location.hash` gives back unchanged (nothing the browser would percent-encode).
fn address_bar_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?@!$'()*,;=&%#".contains(c)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_state_round_trips_exactly_and_quietly(link in any_link()) {
        let hash = link.to_hash();
        let decoded = decode(&hash);
        prop_assert_eq!(&decoded, &link, "{}", hash);
        prop_assert!(hash.chars().all(address_bar_safe), "{}", hash);
        prop_assert!(hash.starts_with(&format!("#/{}?", link.scenario.id.id())), "{}", hash);
        prop_assert!(hash.ends_with("&v=2"), "{}", hash);
        // `code=` exactly when the state holds a program of its own.
        prop_assert_eq!(hash.contains("&code="), link.scenario.code.is_some(), "{}", hash);
    }

    #[test]
    fn the_link_of_a_decoded_link_is_stable(link in any_link(), cut in any::<Index>(), junk in "[a-z=&%0-9.]{0,12}") {
        // Whatever a link decodes to (here: a real link cut short, with junk after it), writing it
        // again gives a link that decodes to the same state with nothing to say.
        let hash = link.to_hash();
        let broken = format!("{}{junk}", &hash[..cut.index(hash.len() + 1)]);
        let first = decode(&broken);
        let second = decode(&first.to_hash());
        prop_assert!(second.notices.is_empty(), "{} → {}: {:?}", broken, first.to_hash(), second.notices);
        prop_assert_eq!(Link { notices: Vec::new(), ..first }, second);
    }

    #[test]
    fn edits_replace_the_history_entry_and_sections_push_one(a in any_link(), b in any_link()) {
        let step = history_step(&a.to_hash(), &b.to_hash());
        let expected = if a.to_hash() == b.to_hash() {
            HistoryStep::Keep
        } else if a.scenario.id == b.scenario.id {
            HistoryStep::Replace
        } else {
            HistoryStep::Push
        };
        prop_assert_eq!(step, expected);
    }
}
