//! The code editor's keys (`editing`): Tab, Shift+Tab and Enter on text with a selection. In the
//! texts, `[` and `]` mark the selection (one `|` for a caret); offsets are UTF-16, as in a
//! `<textarea>`, so the tests use a non-BMP character to keep the conversion honest.

use async_playground::editing::{apply, dedent, indent, newline, Edit};
use expect_test::{expect, Expect};

fn parse(marked: &str) -> (String, usize, usize) {
    let units = |s: &str| s.encode_utf16().count();
    if let Some(at) = marked.find('|') {
        let text = marked.replacen('|', "", 1);
        let caret = units(&marked[..at]);
        return (text, caret, caret);
    }
    let open = marked.find('[').expect("a [ or a |");
    let close = marked.find(']').expect("a ]");
    let text = marked.replacen('[', "", 1).replacen(']', "", 1);
    (text, units(&marked[..open]), units(&marked[..close]) - 1)
}

fn check(key: fn(&str, usize, usize) -> Edit, marked: &str, expected: Expect) {
    let (text, start, end) = parse(marked);
    let edit = key(&text, start, end);
    let after = apply(&text, &edit);
    let units: Vec<u16> = after.encode_utf16().collect();
    let part = |r: std::ops::Range<usize>| String::from_utf16(&units[r]).expect("whole characters");
    let (a, b) = (edit.selection.start, edit.selection.end);
    let shown = if a == b {
        format!("{}|{}", part(0..a), part(a..units.len()))
    } else {
        format!("{}[{}]{}", part(0..a), part(a..b), part(b..units.len()))
    };
    expected.assert_eq(&shown);
}

#[test]
fn tab_at_a_caret_goes_to_the_next_stop() {
    check(
        indent,
        "def f():\n|pass\n",
        expect![[r#"
        def f():
            |pass
    "#]],
    );
    check(
        indent,
        "x = 1 |# 🐍\n",
        expect![[r#"
        x = 1   |# 🐍
    "#]],
    );
    check(
        indent,
        "🐍 ab|c\n",
        expect![[r#"
        🐍 ab    |c
    "#]],
    );
}

#[test]
fn tab_and_shift_tab_move_selected_lines() {
    check(
        indent,
        "a[sync def f():\n    await g()\n\nprint(1)]\n",
        expect![[r#"
        [    async def f():
                await g()

            print(1)]
    "#]],
    );
    // A selection ending at the start of a line does not take that line.
    check(
        indent,
        "[x = 1\n]y = 2\n",
        expect![[r#"
        [    x = 1]
        y = 2
    "#]],
    );
    check(
        dedent,
        "    [x = 1\n      y = 2\n z]\n",
        expect![[r#"
        [x = 1
          y = 2
        z]
    "#]],
    );
    check(
        dedent,
        "def f():\n        pa|ss\n",
        expect![[r#"
        def f():
            pa|ss
    "#]],
    );
    check(
        dedent,
        "  |x\n",
        expect![[r#"
        |x
    "#]],
    );
}

#[test]
fn enter_keeps_the_indentation_and_opens_a_block_after_a_colon() {
    check(
        newline,
        "async def main():|\n",
        expect![[r#"
        async def main():
            |
    "#]],
    );
    check(
        newline,
        "def f():\n    for i in range(3):  # 🐍 each|\n",
        expect![[r#"
        def f():
            for i in range(3):  # 🐍 each
                |
    "#]],
    );
    check(
        newline,
        "def f():\n    await asyncio.sleep(1)|\n",
        expect![[r#"
        def f():
            await asyncio.sleep(1)
            |
    "#]],
    );
}

#[test]
fn a_change_made_elsewhere_is_the_smallest_edit() {
    use async_playground::editing::diff;
    for (old, new) in [
        ("sleep(1)\n", "sleep(2.5)\n"),
        ("a = 1\nb = 1\n", "a = 1\n"),
        ("", "print(1)\n"),
        ("🐍 x 🐍", "🐍 yy 🐍"),
        ("aaa", "aa"),
        ("same", "same"),
    ] {
        let edit = diff(old, new);
        assert_eq!(apply(old, &edit), new, "{old:?} → {new:?}: {edit:?}");
        assert!(edit.insert.len() <= new.len());
    }
    assert_eq!(diff("sleep(1)\n", "sleep(2.5)\n").replace, 6..7);
    assert_eq!(diff("🐍 x", "🐍 y").replace, 3..4, "UTF-16 offsets");
}
