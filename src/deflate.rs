//! Raw DEFLATE (RFC 1951: no zlib or gzip wrapper, no checksum), both ways, for the program a link
//! carries (`link.rs`, `code=`).
//!
//! Hand-written rather than a crate because every byte of wasm counts (the site is at its size
//! cap): measured on the release site, it adds about 2.0 kB brotli, `miniz_oxide` 10.6 kB
//! (README "Links" has the figures). It stays in the pure core, synchronous, because a link is
//! decoded synchronously (the browser's `CompressionStream` is async and would leave the core
//! holding bytes it cannot read natively).
//!
//! - [`inflate`] reads every stream another tool may write: stored, fixed-Huffman and
//!   dynamic-Huffman blocks (Python's `zlib`, browsers' `CompressionStream('deflate-raw')`, node's
//!   `zlib.deflateRawSync` all write dynamic blocks). Small rather than fast (a program is at most
//!   a few tens of kB): bits are read one at a time and codes decoded canonically, as zlib's
//!   `contrib/puff` does. It never panics, and it stops at `limit` bytes of output, so a link
//!   that would inflate to gigabytes (a "zip bomb") costs at most `limit`.
//! - [`deflate`] writes one fixed-Huffman block with LZ77 matches from a hash chain (or stored
//!   blocks when that would be larger): not zlib's best (no dynamic codes; lazy matching was
//!   tried and saved under 1 %): the chapter's programs come out 16 % larger than with `zlib -9`
//!   (`tests/deflate.rs` prints both), from a compressor a small fraction of zlib's size. A
//!   64 KiB program, even a repetitive one that makes the chains long, takes under 5 ms (native
//!   release build), so the page can write the link on every edit.
//!
//! `tests/deflate.rs` checks both against CPython's zlib, both ways, and fuzzes `inflate`.

/// Why a stream could not be inflated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The stream ends before its last block does (a link cut short).
    Truncated,
    /// Not DEFLATE: a reserved block type, a stored block whose length check fails, code lengths
    /// that form no prefix code, a symbol or distance that cannot be.
    Invalid,
    /// The output would be longer than the limit.
    TooLong,
}

/// Lengths 3..=258 as length codes 257..=285: each code's first length and extra bits (RFC 1951
/// 3.2.5).
const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/// Distances 1..=32768 as distance codes 0..=29.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/// The order in which a dynamic block gives the code lengths of its code-length code.
const CODE_LENGTH_ORDER: [u8; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// The longest match LZ77 may write, and how far back it may point.
const MAX_MATCH: usize = 258;
const WINDOW: usize = 32_768;

// ---- inflate ------------------------------------------------------------------------------------

/// The bits of a stream, least significant bit of each byte first.
struct Bits<'a> {
    data: &'a [u8],
    /// The next bit's position, in bits.
    at: usize,
}

impl Bits<'_> {
    fn bit(&mut self) -> Result<u32, InflateError> {
        let byte = *self.data.get(self.at / 8).ok_or(InflateError::Truncated)?;
        let bit = (byte >> (self.at % 8)) & 1;
        self.at += 1;
        Ok(u32::from(bit))
    }

    /// `n` (at most 16) bits, the first one lowest, as extra bits and header fields are stored.
    fn bits(&mut self, n: u8) -> Result<u32, InflateError> {
        let mut value = 0;
        for i in 0..n {
            value |= self.bit()? << i;
        }
        Ok(value)
    }
}

/// A canonical Huffman code, kept as what defines it: how many codes have each length, and the
/// symbols in code order. Decoding walks the lengths (at most 15 steps a symbol), which needs no
/// lookup table.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    /// The code with these lengths (0 = symbol unused). Over-subscribed lengths are refused;
    /// an incomplete code is allowed (RFC 1951 permits one-code distance trees, and a bit pattern
    /// that maps to nothing is refused when it is read).
    fn new(lengths: &[u8]) -> Result<Huffman, InflateError> {
        let mut counts = [0u16; 16];
        for &length in lengths {
            counts[usize::from(length)] += 1;
        }
        counts[0] = 0;
        let mut left: i32 = 1;
        for &count in &counts[1..] {
            left = left * 2 - i32::from(count);
            if left < 0 {
                return Err(InflateError::Invalid);
            }
        }
        // Where each length's symbols start in `symbols`.
        let mut next = [0u16; 16];
        for length in 1..15 {
            next[length + 1] = next[length] + counts[length];
        }
        let mut symbols = vec![0; lengths.len()];
        for (symbol, &length) in lengths.iter().enumerate() {
            if length != 0 {
                let slot = &mut next[usize::from(length)];
                symbols[usize::from(*slot)] = symbol as u16;
                *slot += 1;
            }
        }
        Ok(Huffman { counts, symbols })
    }

    /// The next symbol: codes are stored first bit first, so each bit read extends the code.
    fn decode(&self, bits: &mut Bits) -> Result<usize, InflateError> {
        // `code` is the code read so far; `first`, the first code of this length; `index`, where
        // this length's symbols start.
        let (mut code, mut first, mut index) = (0u32, 0u32, 0u32);
        for &count in &self.counts[1..] {
            code |= bits.bit()?;
            let count = u32::from(count);
            if code < first + count {
                return Ok(usize::from(self.symbols[(index + code - first) as usize]));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Invalid)
    }
}

/// The whole stream `data` inflated, if it is valid DEFLATE and inflates to at most `limit` bytes.
/// Bytes after the final block are ignored (zlib leaves them to the caller too).
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut bits = Bits { data, at: 0 };
    let mut out = Vec::new();
    loop {
        let last = bits.bit()? == 1;
        match bits.bits(2)? {
            0 => stored(&mut bits, &mut out, limit)?,
            1 => {
                let mut lengths = [8u8; 288];
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                codes(&mut bits, &mut out, limit, &Huffman::new(&lengths)?, &Huffman::new(&[5; 30])?)?;
            }
            2 => {
                let (literals, distances) = dynamic_codes(&mut bits)?;
                codes(&mut bits, &mut out, limit, &literals, &distances)?;
            }
            _ => return Err(InflateError::Invalid),
        }
        if last {
            return Ok(out);
        }
    }
}

/// A stored block: from the next byte boundary, its length, the length's complement, the bytes.
fn stored(bits: &mut Bits, out: &mut Vec<u8>, limit: usize) -> Result<(), InflateError> {
    bits.at = bits.at.div_ceil(8) * 8;
    let length = bits.bits(16)? as usize;
    if bits.bits(16)? as usize != !length & 0xFFFF {
        return Err(InflateError::Invalid);
    }
    let start = bits.at / 8;
    let bytes = bits.data.get(start..start + length).ok_or(InflateError::Truncated)?;
    if out.len() + length > limit {
        return Err(InflateError::TooLong);
    }
    out.extend_from_slice(bytes);
    bits.at += length * 8;
    Ok(())
}

/// A dynamic block's header: its literal/length and distance codes, given as code lengths which
/// are themselves Huffman-coded.
fn dynamic_codes(bits: &mut Bits) -> Result<(Huffman, Huffman), InflateError> {
    let literals = bits.bits(5)? as usize + 257;
    let distances = bits.bits(5)? as usize + 1;
    let code_lengths = bits.bits(4)? as usize + 4;
    if literals > 286 || distances > 30 {
        return Err(InflateError::Invalid);
    }
    let mut lengths = [0u8; 19];
    for &symbol in &CODE_LENGTH_ORDER[..code_lengths] {
        lengths[usize::from(symbol)] = bits.bits(3)? as u8;
    }
    let length_code = Huffman::new(&lengths)?;
    let mut lengths = [0u8; 286 + 30];
    let total = literals + distances;
    let mut i = 0;
    while i < total {
        let symbol = length_code.decode(bits)?;
        // 0..=15 is a length; 16 repeats the previous one 3-6 times, 17 and 18 write 3-10 and
        // 11-138 zeros.
        let (length, times) = match symbol {
            0..=15 => (symbol as u8, 1),
            16 if i > 0 => (lengths[i - 1], 3 + bits.bits(2)?),
            17 => (0, 3 + bits.bits(3)?),
            18 => (0, 11 + bits.bits(7)?),
            _ => return Err(InflateError::Invalid),
        };
        let end = i + times as usize;
        lengths.get_mut(i..end).ok_or(InflateError::Invalid)?.fill(length);
        i = end;
    }
    // Without a code for end-of-block, the block could never end.
    if lengths[256] == 0 {
        return Err(InflateError::Invalid);
    }
    Ok((Huffman::new(&lengths[..literals])?, Huffman::new(&lengths[literals..total])?))
}

/// A Huffman-coded block's data: literals and (length, distance) copies, up to end-of-block.
fn codes(
    bits: &mut Bits,
    out: &mut Vec<u8>,
    limit: usize,
    literals: &Huffman,
    distances: &Huffman,
) -> Result<(), InflateError> {
    loop {
        let symbol = literals.decode(bits)?;
        if symbol == 256 {
            return Ok(());
        }
        let (length, distance) = if symbol < 256 {
            (1, 0)
        } else {
            let code = symbol - 257;
            let length = usize::from(*LENGTH_BASE.get(code).ok_or(InflateError::Invalid)?);
            let length = length + bits.bits(LENGTH_EXTRA[code])? as usize;
            let code = distances.decode(bits)?;
            let distance = usize::from(*DIST_BASE.get(code).ok_or(InflateError::Invalid)?);
            let distance = distance + bits.bits(DIST_EXTRA[code])? as usize;
            if distance > out.len() {
                return Err(InflateError::Invalid);
            }
            (length, distance)
        };
        // Checked before writing: a zip bomb stops here, at `limit`.
        if out.len() + length > limit {
            return Err(InflateError::TooLong);
        }
        if distance == 0 {
            out.push(symbol as u8);
        } else {
            // Byte by byte: a copy may overlap what it writes (distance 1 repeats one byte).
            for _ in 0..length {
                out.push(out[out.len() - distance]);
            }
        }
    }
}

// ---- deflate ------------------------------------------------------------------------------------

/// Bits written least significant first, as DEFLATE packs them.
struct BitWriter {
    out: Vec<u8>,
    pending: u32,
    count: u32,
}

impl BitWriter {
    /// The low `n` (at most 16) bits of `value`.
    fn put(&mut self, value: u32, n: u32) {
        self.pending |= value << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.pending as u8);
            self.pending >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code: stored from its first (most significant) bit.
    fn code(&mut self, code: u32, n: u32) {
        self.put(code.reverse_bits() >> (32 - n), n);
    }

    /// A literal/length symbol in the fixed code (RFC 1951 3.2.6).
    fn fixed(&mut self, symbol: u32) {
        match symbol {
            0..=143 => self.code(0x30 + symbol, 8),
            144..=255 => self.code(0x190 + symbol - 144, 9),
            256..=279 => self.code(symbol - 256, 7),
            _ => self.code(0xC0 + symbol - 280, 8),
        }
    }

    /// A copy of `length` bytes from `distance` back: a length code and a distance code, each with
    /// its extra bits.
    fn copy(&mut self, length: usize, distance: usize) {
        let code = LENGTH_BASE.iter().rposition(|&base| usize::from(base) <= length).unwrap_or(0);
        self.fixed(257 + code as u32);
        self.put((length - usize::from(LENGTH_BASE[code])) as u32, u32::from(LENGTH_EXTRA[code]));
        let code = DIST_BASE.iter().rposition(|&base| usize::from(base) <= distance).unwrap_or(0);
        self.code(code as u32, 5);
        self.put((distance - usize::from(DIST_BASE[code])) as u32, u32::from(DIST_EXTRA[code]));
    }
}

/// How many earlier positions with the same 3-byte hash are tried for each match: more finds
/// longer matches in longer programs, at a cost in time that stays small at link sizes.
const CHAIN: usize = 128;
const HASH_BITS: u32 = 14;

/// `data` as a raw DEFLATE stream that any inflater reads (zlib, browsers, [`inflate`]).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut writer = BitWriter { out: Vec::new(), pending: 0, count: 0 };
    // One final block (BFINAL = 1) of fixed codes (BTYPE = 01).
    writer.put(0b011, 3);
    // `head[h]`: the latest position whose next 3 bytes hash to h, plus one (0 = none);
    // `previous[i]`: the position before i with the same hash, plus one.
    let mut head = vec![0u32; 1 << HASH_BITS];
    let mut previous = vec![0u32; data.len()];
    // Position i joins its hash's chain; the chain's previous head comes back.
    let mut insert = |previous: &mut [u32], i: usize| -> u32 {
        let three = u32::from(data[i]) << 16 | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]);
        let h = (three.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize;
        previous[i] = head[h];
        head[h] = i as u32 + 1;
        previous[i]
    };
    let mut i = 0;
    while i < data.len() {
        let (mut best, mut distance) = (0, 0);
        if i + 3 <= data.len() {
            let mut candidate = insert(&mut previous, i);
            let longest = MAX_MATCH.min(data.len() - i);
            for _ in 0..CHAIN {
                let Some(at) = (candidate as usize).checked_sub(1) else { break };
                if i - at > WINDOW {
                    break;
                }
                let length = data[at..].iter().zip(&data[i..i + longest]).take_while(|(a, b)| a == b).count();
                if length > best {
                    (best, distance) = (length, i - at);
                    if length == longest {
                        break;
                    }
                }
                candidate = previous[at];
            }
        }
        if best >= 3 {
            writer.copy(best, distance);
            // The positions inside the match are candidates for later matches too.
            for j in i + 1..(i + best).min(data.len().saturating_sub(2)) {
                insert(&mut previous, j);
            }
            i += best;
        } else {
            writer.fixed(u32::from(data[i]));
            i += 1;
        }
    }
    writer.fixed(256);
    writer.put(0, 7);
    let coded = writer.out;
    // Incompressible data (already compressed, random) is smaller stored: 5 bytes a block.
    let blocks = data.chunks(0xFFFF);
    if coded.len() <= data.len() + 5 * blocks.len().max(1) {
        return coded;
    }
    let mut out = Vec::with_capacity(data.len() + 5 * blocks.len());
    let count = blocks.len();
    for (n, block) in data.chunks(0xFFFF).enumerate() {
        let length = block.len() as u16;
        out.push(u8::from(n + 1 == count));
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(&(!length).to_le_bytes());
        out.extend_from_slice(block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cases_round_trip() {
        for data in [&b""[..], b"a", b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", b"abcabcabcabcabd", &[0u8, 255, 254, 1]] {
            let packed = deflate(data);
            assert_eq!(inflate(&packed, usize::MAX).as_deref(), Ok(data), "{packed:?}");
        }
        assert_eq!(deflate(b""), [3, 0], "an empty final fixed block, as zlib writes it");
    }

    #[test]
    fn the_limit_is_checked_before_writing() {
        let packed = deflate(&[7u8; 1000]);
        assert_eq!(inflate(&packed, 1000).map(|v| v.len()), Ok(1000));
        assert_eq!(inflate(&packed, 999), Err(InflateError::TooLong));
        assert_eq!(inflate(&[], 10), Err(InflateError::Truncated));
        assert_eq!(inflate(&[0b111], 10), Err(InflateError::Invalid), "block type 3 is reserved");
    }
}
