//! The README's one-liners (section "Links", "A program in a link") make links the playground
//! reads back exactly: each is run as written there, on program files with the characters a
//! program may hold, and its printed link is decoded. Needs `python3` and `node` on PATH (the
//! project's tests already use both).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

use async_playground::link::decode;
use async_playground::scenarios::{Scenario, ScenarioId};

/// The README's command that starts with `start`, from its code blocks.
fn one_liner(start: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let lines: Vec<&str> = readme.lines().filter(|line| line.starts_with(start)).collect();
    assert_eq!(lines.len(), 1, "README.md should have one line starting with {start:?}: {lines:?}");
    lines[0].to_string()
}

/// Programs to put in links: the chapter's 44.2 and 44.5, non-ASCII text, an empty file, and one
/// long enough for matches far back.
fn programs() -> Vec<String> {
    let mut cpu = Scenario::new(ScenarioId::CpuVsIo);
    cpu.set_mode("worker").unwrap();
    vec![
        Scenario::new(ScenarioId::SayHello).python_text(),
        cpu.python_text(),
        "import asyncio\n\nasync def main():\n    print('héllo, 世界 🐍 \\t \"quoted\" & 100% + #')\n\nasyncio.run(main())\n"
            .to_string(),
        String::new(),
        (0..2_000).map(|i| format!("print({i}, 'line {}')\n", i % 7)).collect(),
    ]
}

fn check(start: &str) {
    let command = one_liner(start);
    let dir: PathBuf = std::env::temp_dir().join(format!("playground-link-tools-{}-{start}", std::process::id()));
    let dir = PathBuf::from(dir.to_string_lossy().replace(' ', "_"));
    std::fs::create_dir_all(&dir).unwrap();
    for (n, program) in programs().iter().enumerate() {
        std::fs::write(dir.join("program.py"), program).unwrap();
        let out = Command::new("sh")
            .arg("-c")
            .arg(&command)
            .current_dir(&dir)
            .output()
            .unwrap_or_else(|e| panic!("running README's {start:?} one-liner: {e}"));
        assert!(out.status.success(), "{command}\n{}", String::from_utf8_lossy(&out.stderr));
        let hash = String::from_utf8(out.stdout).unwrap();
        let hash = hash.trim();
        assert!(hash.starts_with("#/code?code=") && hash.ends_with("&v=2"), "{hash}");
        let link = decode(hash);
        assert_eq!(link.scenario.code.as_deref(), Some(program.as_str()), "program {n}: {hash}");
        // Nothing to say about the program (until the section "Your code" exists, `#/code` is an
        // unknown section, which is the one notice allowed).
        assert!(link.notices.iter().all(|n| n.contains("\"code\" that does not exist")), "{:?}", link.notices);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_readme_python_one_liner_makes_links_the_playground_reads() {
    check("python3 -c ");
}

#[test]
fn the_readme_node_one_liner_makes_links_the_playground_reads() {
    check("node -e ");
}
