//! Benchmark: the Python interpreter against the machine's `python3` (issue 14's "interpreted
//! CPU-bound code ≤ 10× CPython's time") and an interpreted 10,000-task program on the virtual
//! clock. Prints figures; exits non-zero only when a figure misses its target by more than 2x (a
//! large regression), since the machine is noisy. Run: `cargo bench --bench interpreter`.

use std::process::Command;
use std::time::Instant;

use async_playground::python::{run_program_virtual, Program};

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2]
}

/// Our interpreter's time for `source` (compile once, median of `repeats` runs), in ms.
fn ours(source: &str, repeats: usize) -> f64 {
    let program = Program::compile(source).expect("the benchmark program compiles");
    let samples = (0..repeats)
        .map(|_| {
            let started = Instant::now();
            let run = run_program_virtual(&program, 0);
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            assert!(run.error.is_none(), "the benchmark program must not fail: {:?}", run.error);
            elapsed
        })
        .collect();
    median(samples)
}

/// CPython's time for the same code, measured inside python3 itself (no start-up), in ms.
fn cpython(source: &str, repeats: usize) -> Option<f64> {
    let script = format!(
        "import time\nsrc = {source:?}\ncode = compile(src, '<bench>', 'exec')\nbest = []\nfor _ in range({repeats}):\n    g = {{}}\n    t = time.perf_counter()\n    exec(code, g)\n    best.append((time.perf_counter() - t) * 1000)\nbest.sort()\nprint(best[len(best) // 2])\n"
    );
    let out = Command::new("python3").arg("-c").arg(script).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    let mut failed = false;
    println!("{:<52} {:>10} {:>10} {:>8}  verdict", "figure (native)", "ours", "CPython", "ratio");
    let cpu_bound = [
        ("sum(i * i for i in range(10**6))", "total = sum(i * i for i in range(10**6))\n"),
        ("recursive fib(25)", "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nfib(25)\n"),
    ];
    for (name, source) in cpu_bound {
        let mine = ours(source, 5);
        match cpython(source, 5) {
            Some(theirs) => {
                let ratio = mine / theirs;
                let verdict = if ratio <= 10.0 {
                    "ok"
                } else if ratio <= 20.0 {
                    "over target (10x)"
                } else {
                    failed = true;
                    "FAIL (>2x target)"
                };
                println!("{name:<52} {mine:>8.1}ms {theirs:>8.1}ms {ratio:>7.1}x  {verdict}");
            }
            None => println!("{name:<52} {mine:>8.1}ms {:>10} {:>8}  (no python3)", "-", "-"),
        }
    }
    let tasks = "import asyncio\n\nasync def worker(i):\n    await asyncio.sleep(i / 10000)\n    return i\n\nasync def main():\n    tasks = [asyncio.create_task(worker(i)) for i in range(10000)]\n    results = await asyncio.gather(*tasks)\n    print(len(results))\n\nawait main()\n";
    let mine = ours(tasks, 5);
    let target = 300.0;
    let verdict = if mine <= target {
        "ok"
    } else if mine <= 2.0 * target {
        "over target"
    } else {
        failed = true;
        "FAIL (>2x target)"
    };
    println!(
        "{:<52} {mine:>8.1}ms {:>10} {:>8}  {verdict} (target {target} ms in wasm)",
        "10,000 interpreted tasks, ideal run", "-", "-"
    );
    if failed {
        std::process::exit(1);
    }
}
