//! Predict mode's scoring on the chapter's runs: the cards are dealt in code order, and each
//! verdict's reason comes from the run (which wait ended when), checked as text.

use async_playground::report::predict::{dealt_order, mask_measured_times, printed_lines, score_order, score_total};
use async_playground::scenarios::{Scenario, ScenarioId};
use expect_test::{expect, Expect};

fn check_order(id: ScenarioId, guess: &[&str], expected: Expect) {
    let run = Scenario::new(id).run_virtual();
    let lines = printed_lines(&run.events);
    let guess: Vec<String> = guess.iter().map(|s| s.to_string()).collect();
    let marked: Vec<String> =
        score_order(&guess, &lines).iter().map(|v| format!("{} {}", if v.right { "✓" } else { "✗" }, v.why)).collect();
    expected.assert_eq(&marked.join("\n"));
}

#[test]
fn say_hello_cards_are_dealt_in_the_order_the_code_reads() {
    let run = Scenario::new(ScenarioId::SayHello).run_virtual();
    let lines = printed_lines(&run.events);
    let dealt: Vec<&str> = dealt_order(&lines).into_iter().map(|i| lines[i].text.as_str()).collect();
    expect![[r#"["Hello, Alice!", "Hello, Bob!", "Hello, Charlie!"]"#]].assert_eq(&format!("{dealt:?}"));
}

#[test]
fn the_code_order_guess_is_marked_with_the_waits_that_decide_the_order() {
    check_order(
        ScenarioId::SayHello,
        &["Hello, Alice!", "Hello, Bob!", "Hello, Charlie!"],
        expect![[r#"
            ✗ “Hello, Alice!” is line 2, not 1: task1 prints it at 2.000 s, when its sleep(2) is over.
            ✗ “Hello, Bob!” is line 1, not 2: task2 prints it at 1.000 s, when its sleep(1) is over — the first wait to end, so it comes first.
            ✓ “Hello, Charlie!” is line 3: task3 prints it at 3.000 s, when its sleep(3) is over — the last wait to end."#]],
    );
}

#[test]
fn the_right_order_is_all_right() {
    check_order(
        ScenarioId::SayHello,
        &["Hello, Bob!", "Hello, Alice!", "Hello, Charlie!"],
        expect![[r#"
            ✓ “Hello, Bob!” is line 1: task2 prints it at 1.000 s, when its sleep(1) is over — the first wait to end, so it comes first.
            ✓ “Hello, Alice!” is line 2: task1 prints it at 2.000 s, when its sleep(2) is over.
            ✓ “Hello, Charlie!” is line 3: task3 prints it at 3.000 s, when its sleep(3) is over — the last wait to end."#]],
    );
}

#[test]
fn a_guessed_total_is_right_within_five_percent_and_says_why_the_run_takes_that_long() {
    let check = |id: ScenarioId, mode: Option<&str>, guess_secs: f64, expected: Expect| {
        let mut scenario = Scenario::new(id);
        if let Some(mode) = mode {
            scenario.set_mode(mode).unwrap();
        }
        let run = scenario.run_virtual();
        let guess = (guess_secs * 1e6) as u64;
        let verdict = score_total(guess, run.total.unwrap(), &run.events);
        expected.assert_eq(&format!("{} {}", verdict.right, verdict.why));
    };
    check(ScenarioId::SayHello, None, 6.0, expect!["false Not quite: you guessed 6.000 s. The run takes 3.000 s: its sleeps add up to 6.000 s, but they overlap (the tasks wait at the same time), so the total is the longest chain of waits, not their sum."]);
    check(ScenarioId::SayHello, None, 3.1, expect!["true Right: you guessed 3.100 s. The run takes 3.000 s: its sleeps add up to 6.000 s, but they overlap (the tasks wait at the same time), so the total is the longest chain of waits, not their sum."]);
    check(ScenarioId::SayHello, Some("sequential"), 6.0, expect!["true Right: you guessed 6.000 s. The run takes 6.000 s: its waits (6.000 s in all) come one after another, so they add up."]);
    check(ScenarioId::CpuVsIo, None, 1.0, expect!["true Right: you guessed 1.000 s. The run takes 1.000 s: 1.000 s of it is CPU-bound work, which blocks the loop: nothing else runs meanwhile, so it cannot overlap."]);
}

#[test]
fn every_section_has_lines_to_order_or_says_why_not() {
    for id in ScenarioId::ALL {
        let run = Scenario::new(id).run_virtual();
        let lines = printed_lines(&run.events);
        assert!(!lines.is_empty() || id == ScenarioId::Stress, "{}: no printed lines", id.id());
        let dealt = dealt_order(&lines);
        let mut sorted = dealt.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..lines.len()).collect::<Vec<_>>(), "{}: the deal is a permutation", id.id());
    }
}

#[test]
fn measured_times_are_masked_so_a_card_neither_gives_the_total_away_nor_differs_from_the_real_run() {
    assert_eq!(mask_measured_times("Time: 2.00s"), "Time: …s");
    assert_eq!(mask_measured_times("CPU work done at 1.03s, io1 at 0.30s"), "CPU work done at …s, io1 at …s");
    // Not a measured time: kept as printed.
    assert_eq!(mask_measured_times("['Result A', 'Result B']"), "['Result A', 'Result B']");
    assert_eq!(mask_measured_times("sleep(1.5) v2.0s3 10s 3.5"), "sleep(1.5) v2.0s3 10s 3.5");
    // The ideal run's "Time: 2.00s" and a real run's "Time: 2.01s" are the same card.
    let run = Scenario::new(ScenarioId::Gather).run_virtual();
    let lines = printed_lines(&run.events);
    assert_eq!(lines.last().map(|l| l.text.as_str()), Some("Time: …s"));
}
