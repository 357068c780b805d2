//! Unicode case mapping for `str.upper()`, `lower()`, `swapcase()`, `title()` and `capitalize()`,
//! the same as the standard library's `char::to_uppercase`/`to_lowercase` (tests/python_case.rs
//! checks every character against them, and prints these tables again when Unicode moves on).
//!
//! Why not call the standard library: its two conversion tables list every cased character one by
//! one, 24 kB in the wasm (8 kB brotli); runs of characters that map by the same offset, as here,
//! take a sixth of that.

/// Characters `c` whose case maps to `c + delta`, as `(start | (count - 1) << 21 | step2 << 31,
/// delta)`: `count` characters from `start` on, every one (or every other one when `step2`).
/// Sorted by start, disjoint. ASCII is left out (handled first).
#[rustfmt::skip]
const UPPER_RUNS: &[(u32, i32)] = &[
    (0xb5, 743), (0x2c000e0, -32), (0xc000f8, -32), (0xff, 121), (0x82e00101, -1), (0x131, -232),
    (0x80400133, -1), (0x80e0013a, -1), (0x82c0014b, -1), (0x8040017a, -1), (0x17f, -300),
    (0x180, 195), (0x80200183, -1), (0x188, -1), (0x18c, -1), (0x192, -1), (0x195, 97),
    (0x199, -1), (0x19a, 163), (0x19b, 42561), (0x19e, 130), (0x804001a1, -1), (0x1a8, -1),
    (0x1ad, -1), (0x1b0, -1), (0x802001b4, -1), (0x1b9, -1), (0x1bd, -1), (0x1bf, 56), (0x1c5, -1),
    (0x1c6, -2), (0x1c8, -1), (0x1c9, -2), (0x1cb, -1), (0x1cc, -2), (0x80e001ce, -1),
    (0x1dd, -79), (0x810001df, -1), (0x1f2, -1), (0x1f3, -2), (0x1f5, -1), (0x826001f9, -1),
    (0x81000223, -1), (0x23c, -1), (0x20023f, 10815), (0x242, -1), (0x80800247, -1),
    (0x250, 10783), (0x251, 10780), (0x252, 10782), (0x253, -210), (0x254, -206), (0x200256, -205),
    (0x259, -202), (0x25b, -203), (0x25c, 42319), (0x260, -205), (0x261, 42315), (0x263, -207),
    (0x264, 42343), (0x265, 42280), (0x266, 42308), (0x268, -209), (0x269, -211), (0x26a, 42308),
    (0x26b, 10743), (0x26c, 42305), (0x26f, -211), (0x271, 10749), (0x272, -213), (0x275, -214),
    (0x27d, 10727), (0x280, -218), (0x282, 42307), (0x283, -218), (0x287, 42282), (0x288, -218),
    (0x289, -69), (0x20028a, -217), (0x28c, -71), (0x292, -219), (0x29d, 42261), (0x29e, 42258),
    (0x345, 84), (0x80200371, -1), (0x377, -1), (0x40037b, 130), (0x3ac, -38), (0x4003ad, -37),
    (0x20003b1, -32), (0x3c2, -31), (0x10003c3, -32), (0x3cc, -64), (0x2003cd, -63), (0x3d0, -62),
    (0x3d1, -57), (0x3d5, -47), (0x3d6, -54), (0x3d7, -8), (0x816003d9, -1), (0x3f0, -86),
    (0x3f1, -80), (0x3f2, 7), (0x3f3, -116), (0x3f5, -96), (0x3f8, -1), (0x3fb, -1),
    (0x3e00430, -32), (0x1e00450, -80), (0x82000461, -1), (0x8340048b, -1), (0x80c004c2, -1),
    (0x4cf, -15), (0x85e004d1, -1), (0x4a00561, -48), (0x54010d0, 3008), (0x4010fd, 3008),
    (0xa013f8, -8), (0x1c80, -6254), (0x1c81, -6253), (0x1c82, -6244), (0x201c83, -6242),
    (0x1c85, -6243), (0x1c86, -6236), (0x1c87, -6181), (0x1c88, 35266), (0x1c8a, -1),
    (0x1d79, 35332), (0x1d7d, 3814), (0x1d8e, 35384), (0x89401e01, -1), (0x1e9b, -59),
    (0x85e01ea1, -1), (0xe01f00, 8), (0xa01f10, 8), (0xe01f20, 8), (0xe01f30, 8), (0xa01f40, 8),
    (0x80601f51, 8), (0xe01f60, 8), (0x201f70, 74), (0x601f72, 86), (0x201f76, 100),
    (0x201f78, 128), (0x201f7a, 112), (0x201f7c, 126), (0x201fb0, 8), (0x1fbe, -7205),
    (0x201fd0, 8), (0x201fe0, 8), (0x1fe5, 7), (0x214e, -28), (0x1e02170, -16), (0x2184, -1),
    (0x32024d0, -26), (0x5e02c30, -48), (0x2c61, -1), (0x2c65, -10795), (0x2c66, -10792),
    (0x80402c68, -1), (0x2c73, -1), (0x2c76, -1), (0x86202c81, -1), (0x80202cec, -1), (0x2cf3, -1),
    (0x4a02d00, -7264), (0x2d27, -7264), (0x2d2d, -7264), (0x82c0a641, -1), (0x81a0a681, -1),
    (0x80c0a723, -1), (0x83c0a733, -1), (0x8020a77a, -1), (0x8080a77f, -1), (0xa78c, -1),
    (0x8020a791, -1), (0xa794, 48), (0x8120a797, -1), (0x80e0a7b5, -1), (0x8020a7c8, -1),
    (0x80e0a7cd, -1), (0xa7f6, -1), (0xab53, -928), (0x9e0ab70, -38864), (0x320ff41, -32),
    (0x4e10428, -40), (0x46104d8, -40), (0x1410597, -39), (0x1c105a3, -39), (0xc105b3, -39),
    (0x2105bb, -39), (0x6410cc0, -64), (0x2a10d70, -32), (0x3e118c0, -32), (0x3e16e60, -32),
    (0x3016ebb, -27), (0x421e922, -34),
];

/// Characters whose upper case is several characters (`ß` → `SS`).
#[rustfmt::skip]
const UPPER_MULTI: &[(char, &str)] = &[
    ('\u{df}', "\u{53}\u{53}"), ('\u{149}', "\u{2bc}\u{4e}"), ('\u{1f0}', "\u{4a}\u{30c}"),
    ('\u{390}', "\u{399}\u{308}\u{301}"), ('\u{3b0}', "\u{3a5}\u{308}\u{301}"),
    ('\u{587}', "\u{535}\u{552}"), ('\u{1e96}', "\u{48}\u{331}"), ('\u{1e97}', "\u{54}\u{308}"),
    ('\u{1e98}', "\u{57}\u{30a}"), ('\u{1e99}', "\u{59}\u{30a}"), ('\u{1e9a}', "\u{41}\u{2be}"),
    ('\u{1f50}', "\u{3a5}\u{313}"), ('\u{1f52}', "\u{3a5}\u{313}\u{300}"),
    ('\u{1f54}', "\u{3a5}\u{313}\u{301}"), ('\u{1f56}', "\u{3a5}\u{313}\u{342}"),
    ('\u{1f80}', "\u{1f08}\u{399}"), ('\u{1f81}', "\u{1f09}\u{399}"),
    ('\u{1f82}', "\u{1f0a}\u{399}"), ('\u{1f83}', "\u{1f0b}\u{399}"),
    ('\u{1f84}', "\u{1f0c}\u{399}"), ('\u{1f85}', "\u{1f0d}\u{399}"),
    ('\u{1f86}', "\u{1f0e}\u{399}"), ('\u{1f87}', "\u{1f0f}\u{399}"),
    ('\u{1f88}', "\u{1f08}\u{399}"), ('\u{1f89}', "\u{1f09}\u{399}"),
    ('\u{1f8a}', "\u{1f0a}\u{399}"), ('\u{1f8b}', "\u{1f0b}\u{399}"),
    ('\u{1f8c}', "\u{1f0c}\u{399}"), ('\u{1f8d}', "\u{1f0d}\u{399}"),
    ('\u{1f8e}', "\u{1f0e}\u{399}"), ('\u{1f8f}', "\u{1f0f}\u{399}"),
    ('\u{1f90}', "\u{1f28}\u{399}"), ('\u{1f91}', "\u{1f29}\u{399}"),
    ('\u{1f92}', "\u{1f2a}\u{399}"), ('\u{1f93}', "\u{1f2b}\u{399}"),
    ('\u{1f94}', "\u{1f2c}\u{399}"), ('\u{1f95}', "\u{1f2d}\u{399}"),
    ('\u{1f96}', "\u{1f2e}\u{399}"), ('\u{1f97}', "\u{1f2f}\u{399}"),
    ('\u{1f98}', "\u{1f28}\u{399}"), ('\u{1f99}', "\u{1f29}\u{399}"),
    ('\u{1f9a}', "\u{1f2a}\u{399}"), ('\u{1f9b}', "\u{1f2b}\u{399}"),
    ('\u{1f9c}', "\u{1f2c}\u{399}"), ('\u{1f9d}', "\u{1f2d}\u{399}"),
    ('\u{1f9e}', "\u{1f2e}\u{399}"), ('\u{1f9f}', "\u{1f2f}\u{399}"),
    ('\u{1fa0}', "\u{1f68}\u{399}"), ('\u{1fa1}', "\u{1f69}\u{399}"),
    ('\u{1fa2}', "\u{1f6a}\u{399}"), ('\u{1fa3}', "\u{1f6b}\u{399}"),
    ('\u{1fa4}', "\u{1f6c}\u{399}"), ('\u{1fa5}', "\u{1f6d}\u{399}"),
    ('\u{1fa6}', "\u{1f6e}\u{399}"), ('\u{1fa7}', "\u{1f6f}\u{399}"),
    ('\u{1fa8}', "\u{1f68}\u{399}"), ('\u{1fa9}', "\u{1f69}\u{399}"),
    ('\u{1faa}', "\u{1f6a}\u{399}"), ('\u{1fab}', "\u{1f6b}\u{399}"),
    ('\u{1fac}', "\u{1f6c}\u{399}"), ('\u{1fad}', "\u{1f6d}\u{399}"),
    ('\u{1fae}', "\u{1f6e}\u{399}"), ('\u{1faf}', "\u{1f6f}\u{399}"),
    ('\u{1fb2}', "\u{1fba}\u{399}"), ('\u{1fb3}', "\u{391}\u{399}"),
    ('\u{1fb4}', "\u{386}\u{399}"), ('\u{1fb6}', "\u{391}\u{342}"),
    ('\u{1fb7}', "\u{391}\u{342}\u{399}"), ('\u{1fbc}', "\u{391}\u{399}"),
    ('\u{1fc2}', "\u{1fca}\u{399}"), ('\u{1fc3}', "\u{397}\u{399}"),
    ('\u{1fc4}', "\u{389}\u{399}"), ('\u{1fc6}', "\u{397}\u{342}"),
    ('\u{1fc7}', "\u{397}\u{342}\u{399}"), ('\u{1fcc}', "\u{397}\u{399}"),
    ('\u{1fd2}', "\u{399}\u{308}\u{300}"), ('\u{1fd3}', "\u{399}\u{308}\u{301}"),
    ('\u{1fd6}', "\u{399}\u{342}"), ('\u{1fd7}', "\u{399}\u{308}\u{342}"),
    ('\u{1fe2}', "\u{3a5}\u{308}\u{300}"), ('\u{1fe3}', "\u{3a5}\u{308}\u{301}"),
    ('\u{1fe4}', "\u{3a1}\u{313}"), ('\u{1fe6}', "\u{3a5}\u{342}"),
    ('\u{1fe7}', "\u{3a5}\u{308}\u{342}"), ('\u{1ff2}', "\u{1ffa}\u{399}"),
    ('\u{1ff3}', "\u{3a9}\u{399}"), ('\u{1ff4}', "\u{38f}\u{399}"), ('\u{1ff6}', "\u{3a9}\u{342}"),
    ('\u{1ff7}', "\u{3a9}\u{342}\u{399}"), ('\u{1ffc}', "\u{3a9}\u{399}"),
    ('\u{fb00}', "\u{46}\u{46}"), ('\u{fb01}', "\u{46}\u{49}"), ('\u{fb02}', "\u{46}\u{4c}"),
    ('\u{fb03}', "\u{46}\u{46}\u{49}"), ('\u{fb04}', "\u{46}\u{46}\u{4c}"),
    ('\u{fb05}', "\u{53}\u{54}"), ('\u{fb06}', "\u{53}\u{54}"), ('\u{fb13}', "\u{544}\u{546}"),
    ('\u{fb14}', "\u{544}\u{535}"), ('\u{fb15}', "\u{544}\u{53b}"), ('\u{fb16}', "\u{54e}\u{546}"),
    ('\u{fb17}', "\u{544}\u{53d}"),
];

#[rustfmt::skip]
const LOWER_RUNS: &[(u32, i32)] = &[
    (0x2c000c0, 32), (0xc000d8, 32), (0x82e00100, 1), (0x80400132, 1), (0x80e00139, 1),
    (0x82c0014a, 1), (0x178, -121), (0x80400179, 1), (0x181, 210), (0x80200182, 1), (0x186, 206),
    (0x187, 1), (0x200189, 205), (0x18b, 1), (0x18e, 79), (0x18f, 202), (0x190, 203), (0x191, 1),
    (0x193, 205), (0x194, 207), (0x196, 211), (0x197, 209), (0x198, 1), (0x19c, 211), (0x19d, 213),
    (0x19f, 214), (0x804001a0, 1), (0x1a6, 218), (0x1a7, 1), (0x1a9, 218), (0x1ac, 1),
    (0x1ae, 218), (0x1af, 1), (0x2001b1, 217), (0x802001b3, 1), (0x1b7, 219), (0x1b8, 1),
    (0x1bc, 1), (0x1c4, 2), (0x1c5, 1), (0x1c7, 2), (0x1c8, 1), (0x1ca, 2), (0x810001cb, 1),
    (0x810001de, 1), (0x1f1, 2), (0x802001f2, 1), (0x1f6, -97), (0x1f7, -56), (0x826001f8, 1),
    (0x220, -130), (0x81000222, 1), (0x23a, 10795), (0x23b, 1), (0x23d, -163), (0x23e, 10792),
    (0x241, 1), (0x243, -195), (0x244, 69), (0x245, 71), (0x80800246, 1), (0x80200370, 1),
    (0x376, 1), (0x37f, 116), (0x386, 38), (0x400388, 37), (0x38c, 64), (0x20038e, 63),
    (0x2000391, 32), (0x10003a3, 32), (0x3cf, 8), (0x816003d8, 1), (0x3f4, -60), (0x3f7, 1),
    (0x3f9, -7), (0x3fa, 1), (0x4003fd, -130), (0x1e00400, 80), (0x3e00410, 32), (0x82000460, 1),
    (0x8340048a, 1), (0x4c0, 15), (0x80c004c1, 1), (0x85e004d0, 1), (0x4a00531, 48),
    (0x4a010a0, 7264), (0x10c7, 7264), (0x10cd, 7264), (0x9e013a0, 38864), (0xa013f0, 8),
    (0x1c89, 1), (0x5401c90, -3008), (0x401cbd, -3008), (0x89401e00, 1), (0x1e9e, -7615),
    (0x85e01ea0, 1), (0xe01f08, -8), (0xa01f18, -8), (0xe01f28, -8), (0xe01f38, -8),
    (0xa01f48, -8), (0x80601f59, -8), (0xe01f68, -8), (0xe01f88, -8), (0xe01f98, -8),
    (0xe01fa8, -8), (0x201fb8, -8), (0x201fba, -74), (0x1fbc, -9), (0x601fc8, -86), (0x1fcc, -9),
    (0x201fd8, -8), (0x201fda, -100), (0x201fe8, -8), (0x201fea, -112), (0x1fec, -7),
    (0x201ff8, -128), (0x201ffa, -126), (0x1ffc, -9), (0x2126, -7517), (0x212a, -8383),
    (0x212b, -8262), (0x2132, 28), (0x1e02160, 16), (0x2183, 1), (0x32024b6, 26), (0x5e02c00, 48),
    (0x2c60, 1), (0x2c62, -10743), (0x2c63, -3814), (0x2c64, -10727), (0x80402c67, 1),
    (0x2c6d, -10780), (0x2c6e, -10749), (0x2c6f, -10783), (0x2c70, -10782), (0x2c72, 1),
    (0x2c75, 1), (0x202c7e, -10815), (0x86202c80, 1), (0x80202ceb, 1), (0x2cf2, 1),
    (0x82c0a640, 1), (0x81a0a680, 1), (0x80c0a722, 1), (0x83c0a732, 1), (0x8020a779, 1),
    (0xa77d, -35332), (0x8080a77e, 1), (0xa78b, 1), (0xa78d, -42280), (0x8020a790, 1),
    (0x8120a796, 1), (0xa7aa, -42308), (0xa7ab, -42319), (0xa7ac, -42315), (0xa7ad, -42305),
    (0xa7ae, -42308), (0xa7b0, -42258), (0xa7b1, -42282), (0xa7b2, -42261), (0xa7b3, 928),
    (0x80e0a7b4, 1), (0xa7c4, -48), (0xa7c5, -42307), (0xa7c6, -35384), (0x8020a7c7, 1),
    (0xa7cb, -42343), (0x80e0a7cc, 1), (0xa7dc, -42561), (0xa7f5, 1), (0x320ff21, 32),
    (0x4e10400, 40), (0x46104b0, 40), (0x1410570, 39), (0x1c1057c, 39), (0xc1058c, 39),
    (0x210594, 39), (0x6410c80, 64), (0x2a10d50, 32), (0x3e118a0, 32), (0x3e16e40, 32),
    (0x3016ea0, 27), (0x421e900, 34),
];

#[rustfmt::skip]
const LOWER_MULTI: &[(char, &str)] = &[
    ('\u{130}', "\u{69}\u{307}"),
];

/// Appends the upper case of `c` (one to three characters).
pub fn push_upper(c: char, out: &mut String) {
    push_mapped(c, c.to_ascii_uppercase(), UPPER_RUNS, UPPER_MULTI, out);
}

/// Appends the lower case of `c` (one or two characters).
pub fn push_lower(c: char, out: &mut String) {
    push_mapped(c, c.to_ascii_lowercase(), LOWER_RUNS, LOWER_MULTI, out);
}

/// `s.upper()`.
pub fn upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| push_upper(c, &mut out));
    out
}

/// `s.lower()`: a capital sigma at the end of a word becomes the final form `ς`, as in CPython
/// and `str::to_lowercase`.
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == 'Σ' && ends_word(&s[..i], &s[i + c.len_utf8()..]) {
            out.push('ς');
        } else {
            push_lower(c, &mut out);
        }
    }
    out
}

/// Unicode's Final_Sigma condition: a cased letter before (skipping case-ignorable characters)
/// and none after.
fn ends_word(before: &str, after: &str) -> bool {
    fn cased_next(mut chars: impl Iterator<Item = char>) -> bool {
        chars.find(|&c| !case_ignorable(c)).is_some_and(cased)
    }
    cased_next(before.chars().rev()) && !cased_next(after.chars())
}

fn cased(c: char) -> bool {
    c.is_lowercase()
        || c.is_uppercase()
        || matches!(c, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ' | 'ᾈ'..='ᾏ' | 'ᾘ'..='ᾟ' | 'ᾨ'..='ᾯ' | 'ᾼ' | 'ῌ' | 'ῼ')
}

/// Case_Ignorable, for the characters a Greek word is written with: apostrophes and the word-inner
/// punctuation, modifier letters and combining marks (accents written as separate characters).
fn case_ignorable(c: char) -> bool {
    matches!(c, '\'' | '.' | ':' | '^' | '`' | '\u{a8}' | '\u{ad}' | '\u{af}' | '\u{b4}' | '\u{b7}' | '\u{b8}'
        | '\u{2b0}'..='\u{36f}' | '\u{374}' | '\u{375}' | '\u{37a}' | '\u{384}' | '\u{385}' | '\u{387}'
        | '\u{483}'..='\u{489}' | '\u{1dc0}'..='\u{1dff}' | '\u{1fbd}' | '\u{1fbf}'..='\u{1fc1}'
        | '\u{1fcd}'..='\u{1fcf}' | '\u{1fdd}'..='\u{1fdf}' | '\u{1fed}'..='\u{1fef}' | '\u{1ffd}' | '\u{1ffe}'
        | '\u{200b}'..='\u{200f}' | '\u{2018}' | '\u{2019}' | '\u{2024}' | '\u{2027}' | '\u{20d0}'..='\u{20f0}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{fe20}'..='\u{fe2f}' | '\u{feff}')
}

fn push_mapped(c: char, ascii: char, runs: &[(u32, i32)], multi: &[(char, &str)], out: &mut String) {
    if c.is_ascii() {
        out.push(ascii);
    } else if let Some(mapped) = run_lookup(c, runs) {
        out.push(mapped);
    } else if let Some((_, text)) = multi.iter().find(|(from, _)| *from == c) {
        out.push_str(text);
    } else {
        out.push(c);
    }
}

fn run_lookup(c: char, runs: &[(u32, i32)]) -> Option<char> {
    let code = c as u32;
    let start = |packed: u32| packed & 0x1f_ffff;
    // The last run starting at or before `c`.
    let index = runs.partition_point(|&(packed, _)| start(packed) <= code).checked_sub(1)?;
    let (packed, delta) = runs[index];
    let step = if packed >> 31 == 1 { 2 } else { 1 };
    let count = (packed >> 21 & 0x3ff) + 1;
    let offset = code - start(packed);
    if !offset.is_multiple_of(step) || offset / step >= count {
        return None;
    }
    char::from_u32(code.wrapping_add_signed(delta))
}
