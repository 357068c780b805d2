//! The hand-written raw DEFLATE (`src/deflate.rs`) against CPython's zlib, both ways, and under
//! fuzzing: `inflate` reads what zlib writes at every level and strategy (stored, fixed and
//! dynamic blocks, flushes in the middle, small windows), zlib reads what `deflate` writes, every
//! byte string round-trips, and no input makes `inflate` panic or write past its limit.
//!
//! Needs `python3` on PATH, like `tests/cpython_check.rs`. A few streams zlib wrote are also fixed
//! here as bytes, so that reading them is checked even where python3's zlib would change.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

use async_playground::deflate::{deflate, inflate, InflateError};
use async_playground::scenarios::{Scenario, ScenarioId};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

/// What CPython does with the inputs: for each input, its raw DEFLATE streams under every setting
/// below; for each stream of ours, what zlib inflates it to. Bytes travel as hex in JSON.
const HARNESS: &str = r#"
import json, sys, zlib
request = json.load(sys.stdin)
settings = [(level, zlib.Z_DEFAULT_STRATEGY, 15, 8, None) for level in range(10)]
settings += [(9, strategy, 15, 8, None) for strategy in
             (zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED)]
settings += [(9, zlib.Z_DEFAULT_STRATEGY, 9, 1, None), (1, zlib.Z_DEFAULT_STRATEGY, 10, 9, None),
             (6, zlib.Z_DEFAULT_STRATEGY, 15, 8, zlib.Z_SYNC_FLUSH),
             (6, zlib.Z_DEFAULT_STRATEGY, 15, 8, zlib.Z_FULL_FLUSH)]
streams = []
for data in map(bytes.fromhex, request["inputs"]):
    mine = []
    for level, strategy, window, memory, flush in settings:
        c = zlib.compressobj(level, zlib.DEFLATED, -window, memory, strategy)
        if flush is None:
            out = c.compress(data) + c.flush()
        else:
            half = len(data) // 2
            out = c.compress(data[:half]) + c.flush(flush) + c.compress(data[half:]) + c.flush()
        mine.append(out.hex())
    streams.append(mine)
ours = [zlib.decompress(bytes.fromhex(s), -15).hex() for s in request["ours"]]
json.dump({"streams": streams, "ours": ours}, sys.stdout)
"#;

/// Inputs of every kind: the chapter's programs, nothing, one byte, text longer than the 32 KiB
/// window, bytes that don't compress, every byte value, long runs.
fn inputs() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for id in ScenarioId::ALL {
        let modes: Vec<&str> = if id.modes().is_empty() { vec![""] } else { id.modes().to_vec() };
        for mode in modes {
            let mut scenario = Scenario::new(id);
            if !mode.is_empty() {
                scenario.set_mode(mode).unwrap();
            }
            inputs.push(scenario.python_text().into_bytes());
        }
    }
    inputs.push(Vec::new());
    inputs.push(b"a".to_vec());
    let chapter: Vec<u8> = inputs.concat();
    inputs.push(chapter.repeat(6)); // about 60 kB: distances up to the whole window
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..70_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    inputs.push(noise);
    inputs.push((0..=255u8).cycle().take(5_000).collect());
    inputs.push([vec![b'x'; 40_000], b"print('done')\n".to_vec(), vec![0; 300]].concat());
    inputs.push("async def main():\n    print('héllo, 世界 🐍')\n".repeat(50).into_bytes());
    inputs
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

/// Runs the harness on `inputs` and `ours` (streams for zlib to inflate).
fn cpython(inputs: &[Vec<u8>], ours: &[Vec<u8>]) -> (Vec<Vec<Vec<u8>>>, Vec<Vec<u8>>) {
    let request = serde_json::json!({
        "inputs": inputs.iter().map(|i| hex(i)).collect::<Vec<_>>(),
        "ours": ours.iter().map(|o| hex(o)).collect::<Vec<_>>(),
    });
    let mut child = Command::new("python3")
        .args(["-c", HARNESS])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("this test compares with CPython's zlib and needs `python3` on PATH");
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python3 failed: {}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = |value: &serde_json::Value| -> Vec<Vec<u8>> {
        value.as_array().unwrap().iter().map(|s| unhex(s.as_str().unwrap())).collect()
    };
    let streams = answer["streams"].as_array().unwrap().iter().map(list).collect();
    (streams, list(&answer["ours"]))
}

#[test]
fn zlib_and_this_codec_read_each_other() {
    let inputs = inputs();
    let ours: Vec<Vec<u8>> = inputs.iter().map(|input| deflate(input)).collect();
    let (streams, inflated_by_zlib) = cpython(&inputs, &ours);
    for (n, (input, streams)) in inputs.iter().zip(&streams).enumerate() {
        for (setting, stream) in streams.iter().enumerate() {
            let read = inflate(stream, input.len());
            assert!(read.as_deref() == Ok(input), "input {n}, zlib setting {setting}: {:?}", read.map(|r| r.len()));
            if !input.is_empty() {
                // The limit holds for zlib's streams too: one byte less is too long.
                assert_eq!(inflate(stream, input.len() - 1), Err(InflateError::TooLong), "input {n}, {setting}");
            }
        }
    }
    for (n, (input, read)) in inputs.iter().zip(&inflated_by_zlib).enumerate() {
        assert!(read == input, "zlib read input {n} back wrong");
    }
    // Decent: within 20 % of zlib -9 on the chapter's programs (the links people share).
    let chapter = inputs.len() - 7;
    let (zlib_total, our_total): (usize, usize) =
        (0..chapter).map(|n| (streams[n][9].len(), ours[n].len())).fold((0, 0), |(a, b), (z, o)| (a + z, b + o));
    println!("the chapter's {chapter} programs: zlib -9 {zlib_total} bytes, this codec {our_total} bytes");
    assert!(our_total * 100 <= zlib_total * 120, "zlib -9 {zlib_total} bytes, this codec {our_total}");
    // Incompressible input costs at most the stored blocks' 5 bytes per 64 KiB.
    let noise = &inputs[inputs.len() - 4];
    assert_eq!(ours[inputs.len() - 4].len(), noise.len() + 10);
}

/// Streams python3's zlib 1.2.13 wrote (`zlib.compressobj(9, zlib.DEFLATED, -15)`), fixed here.
#[test]
fn fixed_streams_zlib_wrote_are_read() {
    // b"print('hi')\n" * 4: a fixed block with a copy.
    let fixed = unhex("2b28cacc2bd150cfc854d7e42a20820d00");
    assert_eq!(inflate(&fixed, 100).as_deref(), Ok("print('hi')\n".repeat(4).as_bytes()));
    // A dynamic block (the chapter's 44.2 program) is in tests/link_golden.rs, as a link.
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    // 16 MiB of zeros is 106 kB of stream; inflating it stops at the limit, with no more output.
    let bomb = deflate(&vec![0; 16 << 20]);
    assert!(bomb.len() < 120_000, "{}", bomb.len());
    assert_eq!(inflate(&bomb, 64 * 1024), Err(InflateError::TooLong));
    assert_eq!(inflate(&bomb, 16 << 20).map(|out| out.len()), Ok(16 << 20));
}

#[test]
fn damaged_streams_are_refused() {
    let good = deflate(b"async def main():\n    await asyncio.sleep(1)\n");
    for cut in 0..good.len() {
        assert_eq!(inflate(&good[..cut], 1_000), Err(InflateError::Truncated), "cut at {cut}");
    }
    // A stored block whose length check fails.
    assert_eq!(inflate(&[1, 5, 0, 0, 0, b'a'], 100), Err(InflateError::Invalid));
    // A fixed block whose first symbol copies from 1 byte back, before the start.
    let copy_first = pack(&[(1, 1), (1, 2), (0b100_0000, 7), (0, 5), (0, 7)]);
    assert_eq!(inflate(&copy_first, 100), Err(InflateError::Invalid));
    // Reserved block type 3; length codes 286 and 287 (in the fixed code, never valid).
    assert_eq!(inflate(&pack(&[(1, 1), (3, 2)]), 100), Err(InflateError::Invalid));
    assert_eq!(inflate(&pack(&[(1, 1), (1, 2), (0b0110_0011, 8)]), 100), Err(InflateError::Invalid));
    // A dynamic block whose code-length code is over-subscribed (four codes of length 1).
    assert_eq!(
        inflate(&pack(&[(1, 1), (2, 2), (0, 5), (0, 5), (0, 4), (1, 3), (1, 3), (1, 3), (1, 3)]), 100),
        Err(InflateError::Invalid)
    );
    assert_eq!(inflate(&[0xff; 20], 100), Err(InflateError::Invalid));
}

/// Fields (value, bit count) packed as DEFLATE packs them, first field in the lowest bits. A
/// Huffman code is given with its bits already reversed.
fn pack(fields: &[(u32, u32)]) -> Vec<u8> {
    let (mut out, mut pending, mut count) = (Vec::new(), 0u64, 0);
    for &(value, bits) in fields {
        pending |= u64::from(value) << count;
        count += bits;
    }
    while count > 0 {
        out.push(pending as u8);
        pending >>= 8;
        count = count.saturating_sub(8);
    }
    out
}

fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.trim().parse().ok()).unwrap_or(cases);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Bytes with the repetitions that make LZ77 copy: a few words drawn again and again, plus noise.
fn repetitive() -> impl Strategy<Value = Vec<u8>> {
    let word = proptest::collection::vec(any::<u8>(), 1..12);
    (
        proptest::collection::vec(word, 1..6),
        proptest::collection::vec((any::<prop::sample::Index>(), 0..40usize), 0..80),
    )
        .prop_map(|(words, picks)| {
            picks.iter().flat_map(|(pick, repeat)| pick.get(&words).repeat(*repeat % 5 + 1)).collect()
        })
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn every_byte_string_round_trips(data in prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2_000),
        repetitive(),
        any::<String>().prop_map(String::into_bytes),
    ]) {
        let packed = deflate(&data);
        prop_assert_eq!(inflate(&packed, data.len()), Ok(data.clone()));
        prop_assert!(packed.len() <= data.len() + 5, "{} bytes for {}", packed.len(), data.len());
    }

    #[test]
    fn arbitrary_bytes_never_panic_or_pass_the_limit(data in proptest::collection::vec(any::<u8>(), 0..600), limit in 0..5_000usize) {
        if let Ok(out) = inflate(&data, limit) {
            prop_assert!(out.len() <= limit);
        }
    }
}

/// Valid streams with a few bytes changed: any result but a panic, and never past the limit.
#[test]
fn mutated_streams_never_panic_or_pass_the_limit() {
    let mut sources: Vec<Vec<u8>> = inputs().into_iter().filter(|i| !i.is_empty() && i.len() < 10_000).collect();
    let (streams, _) = cpython(&sources, &[]);
    let mut valid: Vec<Vec<u8>> = streams.into_iter().flatten().collect();
    valid.extend(sources.drain(..).map(|s| deflate(&s)));
    let strategy = (
        prop::sample::select(valid),
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        0..20_000usize,
    );
    let mut runner = TestRunner::new(config(3_000));
    runner
        .run(&strategy, |(mut stream, changes, limit)| {
            for (at, byte) in changes {
                let i = at.index(stream.len());
                stream[i] ^= byte | 1;
            }
            if let Ok(out) = inflate(&stream, limit) {
                prop_assert!(out.len() <= limit);
            }
            Ok(())
        })
        .unwrap();
}
