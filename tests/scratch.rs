use async_playground::scenarios::{Scenario, ScenarioId};
#[test]
fn show() {
    for id in ScenarioId::ALL {
        for mode in id.modes().iter().copied().chain(std::iter::once("")).take(id.modes().len().max(1)) {
            let mut s = Scenario::new(id);
            if !mode.is_empty() { s.set_mode(mode).unwrap(); }
            let run = s.run_virtual();
            println!("=== {} {} {:?} total={:?} result={:?}\n{}", id.id(), mode, run.outcome, run.total, run.result, run.timeline().to_ascii());
        }
    }
}
