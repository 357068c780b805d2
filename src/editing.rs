//! What the code editor's keys do to the text, as pure functions: Tab and Shift+Tab indent and
//! dedent the selected lines by 4 spaces, Enter keeps the line's indentation (one level more
//! after a `:`). The page applies the returned `Edit` as if typed (so the browser's own undo
//! history keeps it) and then sets the selection.
//!
//! Offsets are UTF-16 code units, as a `<textarea>`'s `selectionStart` counts them.

use std::ops::Range;

/// One level of indentation, as PEP 8 and the chapter write it.
pub const INDENT: &str = "    ";

/// Replace `replace` (UTF-16 offsets in the old text) by `insert`, then select `selection`
/// (UTF-16 offsets in the new text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub replace: Range<usize>,
    pub insert: String,
    pub selection: Range<usize>,
}

/// The byte offset of UTF-16 offset `at` (clamped to the text, and to a character boundary).
pub fn byte_offset(text: &str, at: usize) -> usize {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        if units >= at {
            return byte;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 offset of byte offset `at`.
pub fn utf16_offset(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].chars().map(char::len_utf16).sum()
}

/// The selected lines' bytes: from the start of the first line to the end of the last, where a
/// selection that ends at the very start of a line does not take that line.
fn line_span(text: &str, start: usize, end: usize) -> Range<usize> {
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = if end > start && text[..end].ends_with('\n') { end - 1 } else { end };
    let last = text[end..].find('\n').map_or(text.len(), |i| end + i);
    first..last.max(first)
}

fn edit(text: &str, replace: Range<usize>, insert: String, selection: Range<usize>) -> Edit {
    Edit { replace: utf16_offset(text, replace.start)..utf16_offset(text, replace.end), selection, insert }
}

/// Tab: with a selection over lines, indent each of them; at a caret, insert spaces up to the
/// next multiple of 4 columns.
pub fn indent(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = (byte_offset(text, start), byte_offset(text, end.max(start)));
    let span = line_span(text, start, end);
    if start == end || !text[start..end].contains('\n') && (start > span.start || end < span.end) {
        let column = text[span.start..start].chars().count();
        let spaces = " ".repeat(4 - column % 4);
        let at = utf16_offset(text, start) + spaces.len();
        return edit(text, start..end, spaces, at..at);
    }
    let lines: Vec<String> = text[span.clone()]
        .split('\n')
        .map(|l| if l.is_empty() { String::new() } else { format!("{INDENT}{l}") })
        .collect();
    let insert = lines.join("\n");
    let begin = utf16_offset(text, span.start);
    let selection = begin..begin + insert.encode_utf16().count();
    edit(text, span, insert, selection)
}

/// Shift+Tab: take up to 4 leading spaces off each selected line (the caret's line when nothing
/// is selected), keeping the caret or selection on the same text.
pub fn dedent(text: &str, start: usize, end: usize) -> Edit {
    let (start_b, end_b) = (byte_offset(text, start), byte_offset(text, end.max(start)));
    let span = line_span(text, start_b, end_b);
    let mut removed_first = 0;
    let mut removed = 0;
    let lines: Vec<&str> = text[span.clone()]
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let spaces = l.len() - l.trim_start_matches(' ').len();
            let cut = spaces.min(INDENT.len());
            if i == 0 {
                removed_first = cut;
            }
            removed += cut;
            &l[cut..]
        })
        .collect();
    let insert = lines.join("\n");
    let begin = utf16_offset(text, span.start);
    // The caret moves left with its text, but never before the start of its line.
    let first_line_caret = |at: usize| begin.max(at.saturating_sub(removed_first)).max(begin);
    let selection = if start == end {
        let at = first_line_caret(start);
        at..at
    } else {
        first_line_caret(start)..(end.saturating_sub(removed)).max(begin)
    };
    edit(text, span, insert, selection)
}

/// Enter: a new line with the current line's indentation, one level more when the line (before
/// the caret, without its comment) ends with `:`.
pub fn newline(text: &str, start: usize, end: usize) -> Edit {
    let (start_b, end_b) = (byte_offset(text, start), byte_offset(text, end.max(start)));
    let line_start = text[..start_b].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start_b];
    let indentation = &before[..before.len() - before.trim_start_matches([' ', '\t']).len()];
    let code = before.split('#').next().unwrap_or("").trim_end();
    let mut insert = format!("\n{indentation}");
    if code.ends_with(':') {
        insert.push_str(INDENT);
    }
    let at = start + insert.encode_utf16().count();
    edit(text, start_b..end_b, insert, at..at)
}

/// `text` with `edit` applied (what the browser does with it; the tests check edits with it).
pub fn apply(text: &str, edit: &Edit) -> String {
    let (a, b) = (byte_offset(text, edit.replace.start), byte_offset(text, edit.replace.end));
    format!("{}{}{}", &text[..a], edit.insert, &text[b..])
}

/// The smallest edit that turns `old` into `new` (one replaced stretch between their common start
/// and end), with the caret after it: how a change made elsewhere (a value's slider, Reset) is
/// typed into the editor so that its undo history keeps it.
pub fn diff(old: &str, new: &str) -> Edit {
    let start = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let start = if new.is_char_boundary(start) { start } else { 0 };
    let common_end = old[start..]
        .chars()
        .rev()
        .zip(new[start..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let (old_end, new_end) = (old.len() - common_end, new.len() - common_end);
    let insert = new[start..new_end].to_string();
    let at = utf16_offset(new, new_end);
    Edit { replace: utf16_offset(old, start)..utf16_offset(old, old_end), insert, selection: at..at }
}
