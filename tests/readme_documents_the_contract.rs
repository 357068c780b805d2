//! The README documents every section id, parameter and mode: they are a public contract (links,
//! `<input name>`, tests), so adding one without documenting it fails here.

use async_playground::scenarios::ScenarioId;

#[test]
fn every_section_id_parameter_and_mode_is_in_the_readme() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let mut missing = Vec::new();
    for id in ScenarioId::ALL {
        // The gallery's programs are listed by name in the paragraph about the gallery.
        if let Some(program) = id.gallery() {
            let paragraph = readme.split("**The gallery**").nth(1).and_then(|p| p.split("\n\n").next()).unwrap_or("");
            if !paragraph.contains(&format!("`{}`", program.name)) {
                missing.push(format!("gallery program `{}` is not listed", program.name));
            }
            continue;
        }
        let row = readme.lines().find(|line| line.contains(&format!("| `{}` |", id.id())));
        let Some(row) = row else {
            missing.push(format!("section `{}` has no row", id.id()));
            continue;
        };
        for param in id.params() {
            if !row.contains(&format!("`{}`", param.name)) {
                missing.push(format!("{}: parameter `{}`", id.id(), param.name));
            }
        }
        for mode in id.modes() {
            if !row.contains(&format!("`{mode}`")) {
                missing.push(format!("{}: mode `{mode}`", id.id()));
            }
        }
    }
    assert!(missing.is_empty(), "README.md's section table is missing:\n{}", missing.join("\n"));
}
