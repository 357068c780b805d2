//! Valid Python the playground does not run is refused where it is written, before anything runs,
//! as `NotImplementedError: <what> is not supported by the playground yet` at its line and column
//! (never a wrong run, never an internal error halfway through).

use async_playground::python::Program;

fn refused(source: &str) -> String {
    match Program::compile(source) {
        Ok(_) => panic!("compiled, but the playground cannot run it:\n{source}"),
        Err(e) => format!("{}: {} (line {}, col {})", e.kind, e.message, e.pos.line, e.pos.col),
    }
}

#[test]
fn constructs_outside_the_subset_are_refused_at_their_place() {
    let cases = [
        ("match x:\n    case 1:\n        pass\n", "NotImplementedError: the match statement is not supported by the playground yet (line 1"),
        ("from asyncio import *\n", "NotImplementedError: 'from … import *' is not supported by the playground yet (line 1"),
        (
            "async def f(d, k):\n    d[await k] = 1\n",
            "NotImplementedError: 'await' inside an assignment target is not supported by the playground yet (line 2",
        ),
        (
            "async def f(xs, i):\n    xs[await i] += 1\n",
            "NotImplementedError: 'await' inside an assignment target is not supported by the playground yet (line 2",
        ),
        (
            "async def f(xs, it):\n    for xs[await it] in range(3):\n        pass\n",
            "NotImplementedError: 'await' inside an assignment target is not supported by the playground yet (line 2",
        ),
        (
            "async def f(w):\n    return f\"{1.5:{await w}}\"\n",
            "NotImplementedError: 'await' inside an f-string's format spec is not supported by the playground yet (line 2",
        ),
    ];
    for (source, expected) in cases {
        let got = refused(source);
        assert!(got.starts_with(expected), "{source:?}\n  got: {got}\n want: {expected}…");
    }
}

#[test]
fn await_where_the_evaluator_runs_it_still_compiles() {
    for source in [
        "async def f(d, k):\n    d[k] = await k\n",
        "async def f(w):\n    return f\"{await w:>8}\"\n",
        "async def f(xs):\n    async for x in xs:\n        pass\n",
    ] {
        assert!(Program::compile(source).is_ok(), "{source:?}");
    }
}

/// What the playground does not provide of a module it has is refused where it is called, as it
/// runs (a module's attributes are looked up at run time, as in CPython).
#[test]
fn functions_outside_the_modules_are_refused_where_they_are_called() {
    let source = "import math\nprint(math.sqrt(16))\nprint(math.sin(0.5))\n";
    let run = async_playground::python::run_virtual(source).expect("compiles");
    let lines: Vec<String> = run.lines().into_iter().map(|(_, line)| line).collect();
    assert_eq!(lines, ["4.0"]);
    let error = run.error.expect("math.sin is refused");
    assert!(
        error.message.contains("NotImplementedError: math.sin is not supported by the playground yet"),
        "{}",
        error.message
    );
    assert_eq!(error.line, 3, "{}", error.traceback);
}

/// Left out of the wasm to keep the site under its size cap (issue 14's note): each is refused
/// where the program uses it.
#[test]
fn modules_and_classes_left_out_are_refused_where_they_are_used() {
    let cases = [
        (
            "import asyncio\nimport json\n",
            "NotImplementedError: the module 'json' is not supported by the playground yet",
            2,
        ),
        (
            "import asyncio\n\nasync def main():\n    b = asyncio.Barrier(2)\n\nasyncio.run(main())\n",
            "NotImplementedError: asyncio.Barrier is not supported by the playground yet",
            4,
        ),
    ];
    for (source, message, line) in cases {
        let run = async_playground::python::run_virtual(source).expect("compiles");
        let error = run.error.unwrap_or_else(|| panic!("{source:?} ran"));
        assert!(error.message.contains(message), "{source:?}: {}", error.message);
        assert_eq!(error.line, line, "{source:?}: {}", error.traceback);
    }
}
