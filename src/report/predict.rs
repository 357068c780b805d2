//! Predict mode: before running, the learner puts the lines the code will print in the order they
//! expect and guesses the total time; after the run each guess is marked right or wrong with the
//! reason, taken from the event log (which wait ended when), not from text written per section.

use super::numbers::secs;
use crate::engine::{Event, EventKind, Micros, TaskId};

/// The most lines a learner is asked to order: past this it is a chore, not a question.
pub const MAX_CARDS: usize = 12;

/// A line the run prints, with what explains its place.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintedLine {
    pub text: String,
    pub task: TaskId,
    pub task_name: String,
    pub at: Micros,
    /// The last thing the task waited on before printing it (`sleep(1)`), if it had awaited yet.
    pub after: Option<String>,
}

/// The printed lines of a run in the order they came out (a `print` holding `\n` gives several, as
/// on a terminal and in the console), with their measured times masked (`Time: …s`).
///
/// A card must not give the total away (`Time: 2.00s` on the preview), and a real run measures
/// `Time: 2.01s`: the line is the same line for the question "which comes when".
pub fn printed_lines(events: &[Event]) -> Vec<PrintedLine> {
    let mut names: Vec<String> = Vec::new();
    let mut waited: Vec<Option<String>> = Vec::new();
    let mut lines = Vec::new();
    for event in events {
        match &event.kind {
            EventKind::Created { name, .. } if event.task == names.len() => {
                names.push(name.clone());
                waited.push(None);
            }
            EventKind::Suspended { on, .. } => {
                if let Some(slot) = waited.get_mut(event.task) {
                    *slot = Some(on.clone());
                }
            }
            EventKind::Printed { text } => {
                for part in text.split('\n') {
                    lines.push(PrintedLine {
                        text: mask_measured_times(part),
                        task: event.task,
                        task_name: names.get(event.task).cloned().unwrap_or_default(),
                        at: event.at,
                        after: waited.get(event.task).cloned().flatten(),
                    });
                }
            }
            _ => {}
        }
    }
    lines
}

/// `Time: 2.00s` → `Time: …s`: every decimal number followed by `s` (what the chapter's code prints
/// from `time.time()`) becomes `…`; other numbers stay (`['Result A', 2]`, `sleep(1)`).
pub fn mask_measured_times(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if starts_number {
            let mut end = i;
            while end < chars.len() && chars[end].is_ascii_digit() {
                end += 1;
            }
            let has_fraction = end + 1 < chars.len() && chars[end] == '.' && chars[end + 1].is_ascii_digit();
            if has_fraction {
                let mut after = end + 1;
                while after < chars.len() && chars[after].is_ascii_digit() {
                    after += 1;
                }
                if chars.get(after) == Some(&'s') && chars.get(after + 1).is_none_or(|c| !c.is_alphanumeric()) {
                    out.push('…');
                    i = after;
                    continue;
                }
            }
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The order the cards are dealt in: task by task, in the order the tasks were created: the order
/// the code reads top to bottom, which is the guess a newcomer to concurrency makes. Indices into
/// `lines`.
pub fn dealt_order(lines: &[PrintedLine]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    // A task's own lines keep their order (the sort is stable).
    crate::sort::sort_by_key(&mut order, |&i| lines[i].task as u64);
    order
}

/// A guess marked, with a one-line reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub right: bool,
    pub why: String,
}

/// Mark each position of `guess` (texts in the order the learner put them) against the lines the
/// run printed. A position is right when the run printed that same text there.
pub fn score_order(guess: &[String], run: &[PrintedLine]) -> Vec<Verdict> {
    guess
        .iter()
        .enumerate()
        .map(|(position, text)| {
            let right = run.get(position).is_some_and(|line| &line.text == text);
            // Where it really came: the same text's place (the first one not already matched
            // earlier in the guess, for lines printed more than once).
            let copies_before = guess[..position].iter().filter(|t| *t == text).count();
            let actual = run.iter().enumerate().filter(|(_, line)| &line.text == text).nth(copies_before);
            let why = match actual {
                None => format!("“{text}” was not printed by this run."),
                Some((place, line)) => {
                    let head = if right {
                        format!("“{text}” is line {}", place + 1)
                    } else {
                        format!("“{text}” is line {}, not {}", place + 1, position + 1)
                    };
                    format!("{head}: {}", reason(line, place, run))
                }
            };
            Verdict { right, why }
        })
        .collect()
}

/// Why a line comes where it does: when it was printed, after which wait, and how that compares.
fn reason(line: &PrintedLine, place: usize, run: &[PrintedLine]) -> String {
    let when = secs(line.at);
    let mut text = match &line.after {
        Some(on) => format!("{} prints it at {when}, when its {on} is over", line.task_name),
        None => format!("{} prints it at {when}, before its first await", line.task_name),
    };
    let tie = run.iter().enumerate().find(|(i, other)| *i != place && other.at == line.at && other.task != line.task);
    if let Some((other_place, other)) = tie {
        let order = if other_place < place { "before" } else { "after" };
        text.push_str(&format!(
            "; “{}” ({}) comes at the same moment, just {order} it: tasks due together run in the order they started waiting",
            other.text, other.task_name
        ));
    } else if place == 0 && run.len() > 1 && line.after.is_some() {
        text.push_str(" — the first wait to end, so it comes first");
    } else if place + 1 == run.len() && run.len() > 1 && line.after.is_some() {
        text.push_str(" — the last wait to end");
    }
    text.push('.');
    text
}

/// How close a guessed total must be to count: 5 %, or 50 ms for short runs.
pub fn total_tolerance(total: Micros) -> Micros {
    (total / 20).max(50_000)
}

/// Mark a guessed total against the run's, saying why the run took that long: overlapping waits
/// (concurrency), waits one after another, or CPU work that blocked the loop.
pub fn score_total(guess: Micros, total: Micros, events: &[Event]) -> Verdict {
    let right = guess.abs_diff(total) <= total_tolerance(total);
    let (sleeps, cpu) = waits_and_work(events);
    let why = if sleeps > total + total_tolerance(total) {
        format!(
            "The run takes {}: its sleeps add up to {}, but they overlap (the tasks wait at the same time), so the total is the longest chain of waits, not their sum.",
            secs(total),
            secs(sleeps)
        )
    } else if cpu > 0 {
        format!(
            "The run takes {}: {} of it is CPU-bound work, which blocks the loop: nothing else runs meanwhile, so it cannot overlap.",
            secs(total),
            secs(cpu)
        )
    } else if sleeps > 0 {
        format!(
            "The run takes {}: its waits ({} in all) come one after another, so they add up.",
            secs(total),
            secs(sleeps)
        )
    } else {
        format!("The run takes {}.", secs(total))
    };
    let head = if right { "Right" } else { "Not quite" };
    Verdict { right, why: format!("{head}: you guessed {}. {why}", secs(guess)) }
}

/// The sum of every timed wait (a sleep's length, from its await to its deadline) and of every
/// CPU-bound stretch in the log.
fn waits_and_work(events: &[Event]) -> (Micros, Micros) {
    let mut sleeps = 0;
    let mut cpu = 0;
    let mut cpu_since: Vec<(TaskId, Micros)> = Vec::new();
    for event in events {
        match &event.kind {
            EventKind::Suspended { due: Some(due), .. } => sleeps += due.saturating_sub(event.at),
            EventKind::CpuStarted { .. } => cpu_since.push((event.task, event.at)),
            EventKind::CpuEnded => {
                if let Some(i) = cpu_since.iter().position(|(task, _)| *task == event.task) {
                    cpu += event.at.saturating_sub(cpu_since.remove(i).1);
                }
            }
            _ => {}
        }
    }
    (sleeps, cpu)
}
