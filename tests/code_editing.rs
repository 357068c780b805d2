//! Editing a section's code: which numbers the values panel offers (`scenarios::literals`), how a
//! value rewrites the code, and when an edited text is still the section's code with other values.

use async_playground::scenarios::literals::find;
use async_playground::scenarios::{CodePiece, Scenario, ScenarioId};
use expect_test::{expect, Expect};

fn check_literals(text: &str, expected: Expect) {
    let shown: Vec<String> = find(text)
        .iter()
        .map(|l| {
            format!(
                "{}:{} {} {} = {} [{}]{}{}",
                l.line,
                l.range.start,
                l.call,
                l.argument,
                l.value,
                l.key,
                if l.seconds { " s" } else { "" },
                if l.whole { " whole" } else { "" }
            )
        })
        .collect();
    expected.assert_eq(&shown.join("\n"));
}

#[test]
fn call_arguments_are_found_with_their_call_and_function() {
    check_literals(
        r#"import asyncio
async def main():
    await asyncio.sleep(1.5)
    await asyncio.wait_for(work(2), timeout=0.5)
    for i in range(3):
        x = 2 * 3
        print(f(i, 4), [5], g(-1), h(7 + 1))
    await asyncio.sleep(1.5)
await main(10, 0x10)
"#,
        expect![[r#"
            3:57 asyncio.sleep(1.5) argument 1 = 1.5 [main:asyncio.sleep(_)] s
            4:94 work(2) argument 1 = 2 [main:work(_)]
            4:106 asyncio.wait_for(work(2), timeout=0.5) timeout= = 0.5 [main:asyncio.wait_for(work(2), timeout=_)] s
            5:130 range(3) argument 1 = 3 [main:range(_)] whole
            7:171 f(i, 4) argument 2 = 4 [main:f(i, _)]
            8:221 asyncio.sleep(1.5) argument 1 = 1.5 [main:asyncio.sleep(_)#1] s
            9:237 main(10, 0x10) argument 1 = 10 [:main(_, 0x10)]"#]],
    );
}

#[test]
fn text_that_does_not_compile_still_has_its_values() {
    check_literals(
        "async def f(:\n    await asyncio.sleep(2\n    say(\"a\", 3)\n",
        expect![[r#"3:53 say("a", 3) argument 2 = 3 [f:say("a", _)]"#]],
    );
}

fn knobs(scenario: &Scenario) -> String {
    scenario
        .knobs()
        .iter()
        .map(|k| {
            format!(
                "{} line {:?} = {} ({}..{} {}){}",
                k.name,
                k.line,
                k.value,
                k.spec.min,
                k.spec.max,
                k.spec.unit,
                if k.named { "" } else { " literal" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_chapter_values_keep_their_names_in_the_panel() {
    expect![[r#"
        alice line Some(12) = 2 (0..60 s)
        bob line Some(13) = 1 (0..60 s)
        charlie line Some(14) = 3 (0..60 s)"#]]
    .assert_eq(&knobs(&Scenario::new(ScenarioId::SayHello)));
    expect![[r#"
        timeout line Some(8) = 10 (0.1..300 s)
        latency line None = 0.3 (0..30 s)"#]]
    .assert_eq(&knobs(&Scenario::new(ScenarioId::FetchUrls)));
}

#[test]
fn typing_another_value_keeps_the_section_code_and_its_names() {
    let mut scenario = Scenario::new(ScenarioId::SayHello);
    let text = scenario.python_text().replace("\"Bob\", 1)", "\"Bob\", 4.5)");
    scenario.set_code(&text);
    assert_eq!(scenario.code, None, "still the section's code");
    assert_eq!(scenario.get("bob"), 4.5);
    assert!(scenario.is_modified());
    // The other mode's code, typed or pasted, is that mode.
    let mut sequential = Scenario::new(ScenarioId::SayHello);
    sequential.mode = "sequential";
    let text = sequential.python_text();
    scenario.set_code(&text);
    assert_eq!((scenario.mode, scenario.code.is_none()), ("sequential", true));
}

#[test]
fn a_person_text_keeps_named_values_it_still_has() {
    let mut scenario = Scenario::new(ScenarioId::SayHello);
    let text = scenario
        .python_text()
        .replace("\"Bob\", 1)", "\"Bob\", 4)")
        .replace("asyncio.sleep(delay)", "asyncio.sleep(0.5)");
    scenario.set_code(&text);
    assert_eq!(scenario.code.as_deref(), Some(text.as_str()));
    assert_eq!(scenario.get("bob"), 4.0);
    let names: Vec<String> = scenario.knobs().into_iter().map(|k| k.name).collect();
    assert!(names.starts_with(&["line5".to_string(), "alice".into(), "bob".into(), "charlie".into()]), "{names:?}");
    // bob is still an input in the code; the pieces are the text.
    let pieces = scenario.python();
    assert!(pieces.iter().any(|p| matches!(p, CodePiece::Param { name: "bob", value } if value == "4")), "{pieces:?}");
    assert_eq!(pieces.iter().map(CodePiece::text).collect::<String>(), text);
    // Sliding bob rewrites the person's text, nothing else.
    let bob = scenario.knobs().into_iter().find(|k| k.name == "bob").expect("bob");
    scenario.set_knob(&bob, 2.5).expect("valid");
    assert_eq!(scenario.code.as_deref(), Some(text.replace("\"Bob\", 4)", "\"Bob\", 2.5)").as_str()));
    assert_eq!(bob.validate(61.0), Err("bob can be at most 60 s".to_string()));
    // A literal of the person's own.
    let sleep = scenario.knobs().into_iter().find(|k| k.name == "line5").expect("the sleep of say_hello");
    assert_eq!(sleep.validate(-1.0), Err("this value must be at least 0 s".to_string()));
    scenario.set_knob(&sleep, 0.25).expect("valid");
    assert!(scenario.python_text().contains("await asyncio.sleep(0.25)"));
}

#[test]
fn deleting_the_edit_brings_back_the_section_code() {
    let mut scenario = Scenario::new(ScenarioId::Gather);
    let original = scenario.python_text();
    scenario.set_code(&format!("{original}\nprint('more')\n"));
    assert!(scenario.code.is_some() && scenario.is_modified());
    scenario.set_code(&original);
    assert!(scenario.code.is_none() && !scenario.is_modified());
    assert_eq!(scenario, Scenario::new(ScenarioId::Gather));
}

/// Every named parameter of every section and mode is found in its code, by its name, and nothing
/// else of the chapter's code becomes a literal knob the section did not have.
#[test]
fn every_section_finds_its_parameters_in_its_code() {
    let mut shown = Vec::new();
    for id in ScenarioId::ALL {
        let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
        for mode in modes {
            let mut scenario = Scenario::new(id);
            scenario.mode = id.modes().iter().copied().find(|m| *m == mode).unwrap_or("");
            let names: Vec<String> = scenario.knobs().iter().map(|k| format!("{}@{:?}", k.name, k.line)).collect();
            shown.push(format!("{} {mode}: {}", id.id(), names.join(" ")));
            // The text of the section's code, set as code, is that section's code.
            let mut again = scenario.clone();
            again.set_code(&scenario.python_text());
            assert_eq!(again, scenario);
        }
    }
    expect![[r#"
        coroutine : delay@Some(6)
        say-hello concurrent: alice@Some(12) bob@Some(13) charlie@Some(14)
        say-hello sequential: alice@Some(11) bob@Some(12) charlie@Some(13)
        fetch-urls sequential: timeout@Some(8) latency@None
        fetch-urls concurrent: timeout@Some(8) latency@None
        gather : a@Some(6) b@Some(11)
        background : period@Some(8) main@Some(16)
        context-manager : acquire@Some(8) release@Some(13)
        cpu-vs-io blocking: io1@Some(20) io2@Some(21) work@Some(22)
        cpu-vs-io worker: io1@Some(22) io2@Some(23) work@Some(24)
        many-tasks : n@Some(14) spread@Some(14)
        code : line9@Some(9) line9-2@Some(9) line9-3@Some(9) line9-4@Some(9)
        gallery-wait-for : line19@Some(19) line19-2@Some(19) line23@Some(23) line23-2@Some(23) line29@Some(29) line30@Some(30) line31@Some(31)
        gallery-taskgroup : line22@Some(22) line23@Some(23) line28@Some(28) line29@Some(29) line30@Some(30)
        gallery-as-completed : line15@Some(15) line15-2@Some(15) line15-3@Some(15) line19@Some(19) line19-2@Some(19) line19-3@Some(19)
        gallery-queue : line10@Some(10) line11@Some(11) line21@Some(21) line26@Some(26) line28@Some(28)
        gallery-semaphore : line16@Some(16)
        gallery-lock : line15@Some(15) line25@Some(25) line30@Some(30)
        gallery-event : line17@Some(17)
        gallery-cancel-cleanup : line13@Some(13) line17@Some(17) line25@Some(25)
        gallery-forgot-await : line10@Some(10)
        gallery-blocking-sleep : line10@Some(10) line12@Some(12) line15@Some(15) line19@Some(19)
        gallery-fire-and-forget : line15@Some(15) line16@Some(16) line17@Some(17)
        gallery-swallowed-cancel : line10@Some(10) line10-2@Some(10) line12@Some(12) line19@Some(19)
        gallery-to-thread : line15@Some(15) line16@Some(16) line20@Some(20) line25@Some(25) line26@Some(26)
        gallery-async-generator : line11@Some(11) line16@Some(16) line16-2@Some(16) line19@Some(19) line19-2@Some(19)
        gallery-retry-backoff : line17@Some(17) line23@Some(23) line34@Some(34) line36@Some(36) line36-2@Some(36)"#]]
    .assert_eq(&shown.join("\n"));
}
