//! Every delay and count has a documented range, and `ParamSpec` (the one place values are checked)
//! refuses, with a message a person understands, whatever is not a value in that range: text,
//! nothing, NaN, infinities, numbers outside the range, fractions of a count.
//!
//! `docs/values.md` is generated from the `ParamSpec`s and compared here, so the documented ranges
//! are always the enforced ones: after changing a range, run `UPDATE_EXPECT=1 cargo test --test
//! values` and commit the new table.

use async_playground::engine::value::py_number;
use async_playground::scenarios::{ParamSpec, Scenario, ScenarioId};

fn every_spec() -> Vec<(ScenarioId, ParamSpec)> {
    ScenarioId::ALL.into_iter().flat_map(|id| id.params().iter().map(move |spec| (id, *spec))).collect()
}

#[test]
fn the_documented_ranges_are_the_enforced_ones() {
    let mut doc = String::from(
        "# Values and their ranges\n\n\
         Generated from the `ParamSpec`s in `src/scenarios/mod.rs` by `tests/values.rs` (which fails when this\n\
         file and the code disagree; `UPDATE_EXPECT=1 cargo test --test values` rewrites it).\n\n\
         `ParamSpec::validate` is the one place a value is checked. The code panel's fields and the values\n\
         panel's number fields parse what is typed (`1.5`, ` 2 `, `1,5`) and validate it; the sliders, the\n\
         arrow keys and dragging give numbers that are validated the same way. A value that is refused\n\
         (text, nothing, NaN, out of range, a fraction of a count) is shown with its reason next to the\n\
         field, and the last good value goes on being used. A link is never refused: each of its values\n\
         is brought into range (`ParamSpec::clamp`) and a notice says what was changed.\n\n\
         | section | name | what it is | default | range | step | unit |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for (id, spec) in every_spec() {
        doc.push_str(&format!(
            "| `{}` | `{}` | {} | {} | {}–{}{} | {} | {} |\n",
            id.id(),
            spec.name,
            spec.label,
            py_number(spec.default),
            py_number(spec.min),
            py_number(spec.max),
            if spec.whole { ", whole numbers" } else { "" },
            py_number(spec.step),
            spec.unit,
        ));
    }
    // 44.3's URL list has values of its own, outside the `ParamSpec`s: documented here from the
    // constants that enforce them.
    doc.push_str(&format!(
        "\n44.3's URL list (`fetch-urls`): 1 to {} URLs, each at most {} characters; a sample-API URL's\n\
         waits `delay` (until the headers) and `body` (reading the body) are seconds from 0 to {}.\n",
        async_playground::link::MAX_URLS,
        async_playground::link::MAX_URL_LEN,
        py_number(async_playground::scenarios::sample_api::MAX_WAIT),
    ));
    expect_test::expect_file!["../docs/values.md"].assert_eq(&doc);
}

#[test]
fn every_range_is_sane_and_its_default_inside_it() {
    for (id, spec) in every_spec() {
        let name = format!("{}.{}", id.id(), spec.name);
        assert!(spec.min.is_finite() && spec.max.is_finite() && spec.min < spec.max, "{name}: range");
        assert!(spec.step > 0.0 && spec.step <= spec.max - spec.min, "{name}: step {}", spec.step);
        for value in [spec.min, spec.default, spec.max] {
            assert_eq!(spec.validate(value), Ok(value), "{name}: {value}");
        }
        assert!(!spec.label.is_empty() && !spec.unit.is_empty(), "{name}: label and unit");
        // Delays and durations are seconds, never negative: sleep(-1) would only confuse.
        if spec.unit == "s" {
            assert!(spec.min >= 0.0, "{name}");
        }
    }
}

#[test]
fn wrong_entries_are_refused_with_a_reason() {
    let bob = ScenarioId::SayHello.params()[1];
    assert_eq!(bob.name, "bob");
    for (typed, reason) in [
        ("", "bob needs a value"),
        ("   ", "bob needs a value"),
        ("abc", "'abc' is not a number"),
        ("NaN", "'NaN' is not a number"),
        ("nan", "'nan' is not a number"),
        ("inf", "'inf' is not a number"),
        ("-Infinity", "'-Infinity' is not a number"),
        ("0x10", "'0x10' is not a number"),
        ("1_000", "'1_000' is not a number"),
        ("2 s", "'2 s' is not a number"),
        ("-1", "bob must be at least 0 s"),
        ("-0.001", "bob must be at least 0 s"),
        ("61", "bob can be at most 60 s"),
        ("1e999", "bob can be at most 60 s"),
        ("-1e999", "bob must be at least 0 s"),
    ] {
        assert_eq!(bob.parse(typed), Err(reason.to_string()), "typing {typed:?}");
    }
    // A pasted paragraph is quoted by its beginning only.
    let long = "x".repeat(10_000);
    let message = bob.parse(&long).unwrap_err();
    assert!(message.chars().count() < 60, "{message}");

    let n = ScenarioId::Stress.params()[0];
    assert_eq!(n.name, "n");
    assert_eq!(n.parse("2.5"), Err("n must be a whole number".to_string()));
    assert_eq!(n.parse("0"), Err("n must be at least 1 tasks".to_string()));
    assert_eq!(n.parse("100001"), Err("n can be at most 100000 tasks".to_string()));
    assert_eq!(n.validate(f64::NAN), Err("n must be a number".to_string()));
    assert_eq!(n.validate(f64::INFINITY), Err("n can be at most 100000 tasks".to_string()));
}

#[test]
fn good_entries_are_read_as_a_person_means_them() {
    let bob = ScenarioId::SayHello.params()[1];
    for (typed, value) in [("1.5", 1.5), (" 2 ", 2.0), ("1,5", 1.5), ("+3", 3.0), ("0", 0.0), ("60", 60.0), (".5", 0.5)]
    {
        assert_eq!(bob.parse(typed), Ok(value), "typing {typed:?}");
    }
    // `-0` is 0, not a negative zero that some code would print as "-0.0".
    let zero = bob.parse("-0").unwrap();
    assert!(zero == 0.0 && zero.is_sign_positive());
    assert!(bob.clamp(-0.0).is_sign_positive());
    let n = ScenarioId::Stress.params()[0];
    assert_eq!(n.parse("1e3"), Ok(1000.0));
}

#[test]
fn a_refused_value_keeps_the_last_good_one() {
    let mut scenario = Scenario::new(ScenarioId::Gather);
    scenario.set("a", 1.5).unwrap();
    for bad in [f64::NAN, f64::INFINITY, -1.0, 61.0] {
        assert!(scenario.set("a", bad).is_err(), "{bad}");
        assert_eq!(scenario.get("a"), 1.5, "after trying {bad}");
    }
    assert!(scenario.set("nope", 1.0).is_err());
}

/// Every value at either end of its range runs on the virtual clock to the end (the documented
/// ranges are ones the page can really run). The largest task count only in release builds: in a
/// debug build 100,000 tasks take most of a minute.
#[test]
fn every_section_runs_at_both_ends_of_its_ranges() {
    for id in ScenarioId::ALL {
        for end in ["min", "max"] {
            let mut scenario = Scenario::new(id);
            for spec in id.params() {
                let mut value = if end == "min" { spec.min } else { spec.max };
                if spec.whole && cfg!(debug_assertions) {
                    value = value.min(2_000.0);
                }
                scenario.set(spec.name, value).unwrap();
            }
            let run = scenario.run_virtual();
            assert_eq!(run.outcome, async_playground::engine::RunOutcome::Idle, "{} at its {end}", id.id());
            assert!(run.total.is_some(), "{} at its {end} ends", id.id());
        }
    }
}
