//! Runs a Python file on the virtual clock and prints its lines with times (a debugging aid;
//! `EVENTS=1` prints the whole event log first).
fn main() {
    let path = std::env::args().nth(1).expect("a .py file");
    let source = std::fs::read_to_string(path).expect("readable");
    match async_playground::python::run_virtual(&source) {
        Err(e) => println!("{}: {} (line {}, col {})", e.kind, e.message, e.pos.line, e.pos.col),
        Ok(run) => {
            if std::env::var_os("EVENTS").is_some() {
                for e in &run.events {
                    println!("{:>10.3} {:>3} {:?}", e.at as f64 / 1000.0, e.task, e.kind);
                }
            }
            for (t, line) in run.lines() {
                println!("{:>10.3}  {line}", t as f64 / 1000.0);
            }
            if let Some(e) = run.error {
                println!("{}", e.traceback);
            }
            for w in run.warnings {
                println!("warning: {w}");
            }
            if let Some(s) = run.stopped {
                println!("stopped: {s}");
            }
        }
    }
}
