//! CPython-compatible `random`: the Mersenne Twister (MT19937) and the `random.Random` methods built on it.
//!
//! Every value matches CPython 3.11 bit for bit for the same seed: seeding follows `_randommodule.c`
//! (`init_genrand` / `init_by_array` over the 32-bit little-endian words of `abs(seed)`), `random()` is
//! `genrand_res53`, `getrandbits` fills 32-bit words from the least significant end, and the integer and
//! sequence helpers (`randrange`, `randint`, `choice`, `shuffle`, `sample`) are transcriptions of
//! `Lib/random.py`, including its error messages (returned as `Err(String)` without the exception class).
//!
//! Sequence helpers work on indices: the caller maps `choice_index` / `sample_indices` back to its
//! own elements, and `shuffle_indices` permutes any slice in place exactly like `random.shuffle`.

use std::collections::HashSet;
use std::fmt;

/// Degree of recurrence: number of 32-bit words of state.
const N: usize = 624;
/// Middle word offset.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// `random.randrange` / `random.randint` message for an empty range without a width (CPython ValueError).
const EMPTY_RANGE: &str = "empty range for randrange()";

/// A `random.Random` instance: the MT19937 state (624 words) and the position of the next word.
#[derive(Clone, PartialEq, Eq)]
pub struct Random {
    state: [u32; N],
    index: usize,
}

impl fmt::Debug for Random {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Random").field("index", &self.index).field("state[0..4]", &&self.state[..4]).finish()
    }
}

impl Random {
    /// `random.Random(seed)` for an int seed: the same stream CPython produces after `random.seed(seed)`.
    pub fn from_seed(seed: i64) -> Random {
        let mut r = Random { state: [0; N], index: N };
        r.seed(seed);
        r
    }

    /// A generator seeded from caller-supplied entropy, treated exactly like the non-negative int seed
    /// `bits` (so `from_entropy(n)` equals `from_seed(n)` whenever `n` fits in an `i64`).
    pub fn from_entropy(bits: u64) -> Random {
        let mut r = Random { state: [0; N], index: N };
        r.seed_abs(bits);
        r
    }

    /// `random.seed(seed)` for an int: CPython seeds with `abs(seed)`, so `-7` and `7` give the same stream.
    pub fn seed(&mut self, seed: i64) {
        self.seed_abs(seed.unsigned_abs());
    }

    /// `random_seed` in `_randommodule.c`: the magnitude split into 32-bit words, least significant first
    /// (zero is the single word `[0]`), fed to `init_by_array`.
    fn seed_abs(&mut self, n: u64) {
        let lo = n as u32;
        let hi = (n >> 32) as u32;
        if hi == 0 {
            self.init_by_array(&[lo]);
        } else {
            self.init_by_array(&[lo, hi]);
        }
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let mut i = 1usize;
        let mut j = 0usize;
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000; // MSB is 1, assuring a non-zero initial array
    }

    /// Regenerates all 624 words (the "twist").
    fn twist(&mut self) {
        let mt = &mut self.state;
        let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        for kk in 0..N - M {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
        }
        for kk in N - M..N - 1 {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
        }
        let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
        self.index = 0;
    }

    /// `genrand_uint32`: the next tempered 32-bit output.
    fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random.random()`: a float in `[0.0, 1.0)` with 53 random bits (`genrand_res53`).
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_u32() >> 5;
        let b = self.genrand_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)` for `k <= 64`; `getrandbits(0)` is 0 and draws nothing.
    ///
    /// Panics if `k > 64` (the caller needs a big int for that; check before calling).
    pub fn getrandbits(&mut self, k: u32) -> u64 {
        assert!(k <= 64, "getrandbits({k}) needs more than 64 bits");
        self.getrandbits_wide(k) as u64
    }

    /// `getrandbits` up to 128 bits: one word for `k <= 32` (`genrand >> (32 - k)`), otherwise 32-bit
    /// words from the least significant end with the last word shifted down to the remaining bits.
    fn getrandbits_wide(&mut self, k: u32) -> u128 {
        debug_assert!(k <= 128);
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return u128::from(self.genrand_u32() >> (32 - k));
        }
        let mut result = 0u128;
        let mut left = k;
        let mut shift = 0;
        while left > 0 {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            result |= u128::from(r) << shift;
            shift += 32;
            left = left.saturating_sub(32);
        }
        result
    }

    /// `Random._randbelow_with_getrandbits(n)`: a uniform integer in `[0, n)` by rejection sampling on
    /// `n.bit_length()` bits. `n == 0` returns 0 without drawing (CPython never calls it with 0).
    pub fn randbelow(&mut self, n: u64) -> u64 {
        self.randbelow_wide(u128::from(n)) as u64
    }

    fn randbelow_wide(&mut self, n: u128) -> u128 {
        if n == 0 {
            return 0;
        }
        let k = 128 - n.leading_zeros();
        let mut r = self.getrandbits_wide(k);
        while r >= n {
            r = self.getrandbits_wide(k);
        }
        r
    }

    /// `random.randrange(start)` (`stop == None`) or `random.randrange(start, stop, step)`, Python 3.11.
    ///
    /// Errors (CPython ValueError text): `"empty range for randrange()"` (one-argument form with
    /// `start <= 0`, or a stepped range with no elements), `"empty range for randrange() (start, stop,
    /// width)"` (unit step, `stop <= start`), `"zero step for randrange()"`. With `stop == None` and
    /// `step != 1` the error is `"Missing a non-None stop argument"`, which CPython raises as a TypeError.
    pub fn randrange(&mut self, start: i64, stop: Option<i64>, step: i64) -> Result<i64, String> {
        let stop = match stop {
            Some(stop) => Some(i128::from(stop)),
            None if step != 1 => return Err("Missing a non-None stop argument".to_string()),
            None => None,
        };
        let r = self.randrange_wide(i128::from(start), stop, i128::from(step))?;
        Ok(i64::try_from(r).expect("randrange result lies inside the i64 range"))
    }

    /// The arithmetic of `randrange` in `i128`, so widths like `2**64` (e.g. `randint(-2**63, 2**63-1)`)
    /// are exact as in Python.
    fn randrange_wide(&mut self, start: i128, stop: Option<i128>, step: i128) -> Result<i128, String> {
        let Some(stop) = stop else {
            if start > 0 {
                return Ok(self.randbelow_wide(start as u128) as i128);
            }
            return Err(EMPTY_RANGE.to_string());
        };
        let width = stop - start;
        if step == 1 {
            if width > 0 {
                return Ok(start + self.randbelow_wide(width as u128) as i128);
            }
            // Written through the big-int code the interpreter has anyway: `i128`'s own
            // formatting would be another kilobyte of wasm for this one message.
            let text = |v: i128| super::bigint::BigInt::from_i128(v).to_decimal().unwrap_or_default();
            return Err(format!("empty range for randrange() ({}, {}, {})", text(start), text(stop), text(width)));
        }
        let n = match step {
            0 => return Err("zero step for randrange()".to_string()),
            s if s > 0 => floor_div(width + s - 1, s),
            s => floor_div(width + s + 1, s),
        };
        if n <= 0 {
            return Err(EMPTY_RANGE.to_string());
        }
        Ok(start + step * self.randbelow_wide(n as u128) as i128)
    }

    /// `random.randint(a, b)`: `randrange(a, b + 1)`, so `randint(5, 1)` fails with
    /// `"empty range for randrange() (5, 2, -3)"`.
    pub fn randint(&mut self, a: i64, b: i64) -> Result<i64, String> {
        let r = self.randrange_wide(i128::from(a), Some(i128::from(b) + 1), 1)?;
        Ok(i64::try_from(r).expect("randint result lies in [a, b]"))
    }

    /// `random.uniform(a, b)`: `a + (b - a) * random()`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// The index `random.choice(seq)` picks for a sequence of length `len` (`_randbelow(len)`).
    ///
    /// An empty sequence gives `"Cannot choose from an empty sequence"`, which CPython raises as an
    /// **IndexError** (not a ValueError).
    pub fn choice_index(&mut self, len: usize) -> Result<usize, String> {
        if len == 0 {
            return Err("Cannot choose from an empty sequence".to_string());
        }
        Ok(self.randbelow(len as u64) as usize)
    }

    /// `random.shuffle(x)` in place: for `i` from `len - 1` down to 1, swap `x[i]` with `x[_randbelow(i + 1)]`.
    pub fn shuffle_indices<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// The indices `random.sample(population, k)` selects from a population of length `population`,
    /// in selection order (Python 3.11: a pool list when `population` is at most the set-size estimate,
    /// otherwise rejection against a set of chosen indices).
    ///
    /// `k > population` gives `"Sample larger than population or is negative"`; CPython uses the same
    /// ValueError message for a negative `k`, which the caller must reject before converting to `usize`.
    pub fn sample_indices(&mut self, population: usize, k: usize) -> Result<Vec<usize>, String> {
        let n = population;
        if k > n {
            return Err("Sample larger than population or is negative".to_string());
        }
        let mut result = Vec::with_capacity(k);
        if n as u128 <= sample_setsize(k as u64) {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.randbelow(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }
}

/// `setsize` in `random.sample`: `21`, plus `4 ** ceil(log(k * 3, 4))` when `k > 5`, with the same
/// floating-point `log(x) / log(4)` CPython's `math.log(x, 4)` computes (so its rounding quirks match).
fn sample_setsize(k: u64) -> u128 {
    let mut setsize: u128 = 21;
    if k > 5 {
        let x = (u128::from(k) * 3) as f64;
        let exp = (x.ln() / 4f64.ln()).ceil() as u32;
        setsize = setsize.saturating_add(4u128.checked_pow(exp).unwrap_or(u128::MAX));
    }
    setsize
}

/// Python's `//` on integers (rounds toward negative infinity).
fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    //! Expected values were produced by CPython 3.11.7 (`random.Random(seed)`), pasted as literals.

    use super::*;

    enum Seed {
        Int(i64),
        Entropy(u64),
    }

    struct Case {
        seed: Seed,
        /// First 5 `random()`.
        random: [f64; 5],
        /// `getrandbits(1)`, `(8)`, `(32)`, `(33)`, `(64)` in sequence.
        bits: &'static [u64],
        randint_1_6: &'static [i64],
        randrange_0_100_7: &'static [i64],
        uniform_1_3: [f64; 5],
        /// `choice(range(10))` ten times.
        choice10: &'static [usize],
        /// `shuffle(list(range(10)))`.
        shuffle10: &'static [usize],
        sample_100_5: &'static [usize],
        sample_10_8: &'static [usize],
        sample_1000_50: &'static [usize],
        /// `random()` after 1000 draws (past a twist).
        random_1001st: f64,
        /// `getrandbits(k)` for k in 0..=64, in sequence.
        getrandbits_0_to_64: &'static [u64],
        /// `randrange(-2**63, 2**63-1)`, `randint(-2**63, 2**63-1)`, `randrange(2**63-1, -2**63, -3)`,
        /// `randrange(2**63-1)`, `randrange(-5, 20, 4)`, `randrange(20, -5, -4)`, `randrange(10)`,
        /// `randint(-3, -3)`, in sequence.
        big_ranges: &'static [i64],
        /// `_randbelow(2**64-1)`, `_randbelow(2**63+1)`, `_randbelow(1)`, `_randbelow(3)`, in sequence.
        randbelow_big: &'static [u64],
    }

    impl Case {
        fn rng(&self) -> Random {
            match self.seed {
                Seed::Int(s) => Random::from_seed(s),
                Seed::Entropy(e) => Random::from_entropy(e),
            }
        }
    }

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        Case {
            seed: Seed::Int(0),
            random: [
                f64::from_bits(0x3feb0580f98a7dbe), f64::from_bits(0x3fe84129978f9c1a),
                f64::from_bits(0x3fdaeaa51052e978), f64::from_bits(0x3fd092178fb945a6),
                f64::from_bits(0x3fe05c5ccdf19707),
            ],
            bits: &[1, 98, 3255389356, 3823568514, 4776171008201404212],
            randint_1_6: &[4, 4, 1, 3, 5, 4, 4, 3, 4, 3],
            randrange_0_100_7: &[91, 42, 84, 98, 42],
            uniform_1_3: [
                f64::from_bits(0x400582c07cc53edf), f64::from_bits(0x40042094cbc7ce0d),
                f64::from_bits(0x3ffd7552882974bc), f64::from_bits(0x3ff8490bc7dca2d3),
                f64::from_bits(0x40002e2e66f8cb84),
            ],
            choice10: &[6, 6, 0, 4, 8, 7, 6, 4, 7, 5],
            shuffle10: &[7, 8, 1, 5, 3, 4, 2, 0, 9, 6],
            sample_100_5: &[49, 97, 53, 5, 33],
            sample_10_8: &[6, 9, 0, 2, 4, 3, 5, 1],
            sample_1000_50: &[
                864, 394, 776, 911, 430, 41, 265, 988, 523, 497, 414, 940, 802, 849, 310, 991, 488, 366, 597, 913, 929,
                223, 516, 142, 288, 143, 773, 97, 633, 818, 256, 931, 545, 722, 829, 616, 923, 150, 317, 101, 747, 75,
                920, 870, 700, 338, 483, 573, 103, 362,
            ],
            random_1001st: f64::from_bits(0x3fee4b478ea82669),
            getrandbits_0_to_64: &[
                0, 1, 1, 6, 14, 13, 2, 33, 247, 261, 497, 829, 3761, 6420, 13596, 9938, 63425, 62468, 93860, 305860,
                934973, 1904450, 916215, 4233620, 2336625, 9456908, 9378180, 101442323, 25455938, 331984327, 858351976,
                537958267, 4240245955, 8202297706, 12810966069, 20659725726, 12464707851, 14216975577, 20314472699,
                467716949020, 363714941482, 1230388484183, 1555210669556, 2780708594338, 11268322956985, 7197991573436,
                38882195506113, 62304844337158, 146749864080286, 35060936843203, 1034102733426106, 2062634630745766,
                420056451792040, 7566867883266284, 12794786597129393, 28284325986896460, 45055150402573953,
                88183662935991621, 238672988321029759, 192039334539114282, 841953877580378474, 1622489236798216138,
                290463707049702376, 8458007108886578636, 4089715063379223119,
            ],
            big_ranges: &[
                -2116850434379610163, 7198729688045931692, 2059115524291850851, 4715676943270851834, 7, 8, 4, -3,
            ],
            randbelow_big: &[7106521602475165645, 746805015404516437, 0, 2],
        },
        Case {
            seed: Seed::Int(1),
            random: [
                f64::from_bits(0x3fc132d8f91b7584), f64::from_bits(0x3feb1e2d5b3584f8),
                f64::from_bits(0x3fe870d778409f13), f64::from_bits(0x3fd0530d08f17f5c),
                f64::from_bits(0x3fdfb5355e16737a),
            ],
            bits: &[0, 145, 3639700191, 7740669488, 4705193143269049553],
            randint_1_6: &[2, 5, 1, 3, 1, 4, 4, 4, 6, 4],
            randrange_0_100_7: &[14, 63, 91, 84, 84],
            uniform_1_3: [
                f64::from_bits(0x3ff44cb63e46dd61), f64::from_bits(0x40058f16ad9ac27c),
                f64::from_bits(0x4004386bbc204f8a), f64::from_bits(0x3ff829868478bfae),
                f64::from_bits(0x3fffda9aaf0b39bd),
            ],
            choice10: &[2, 9, 1, 4, 1, 7, 7, 7, 6, 3],
            shuffle10: &[6, 8, 9, 7, 5, 3, 0, 4, 1, 2],
            sample_100_5: &[17, 72, 97, 8, 32],
            sample_10_8: &[2, 1, 4, 0, 3, 5, 7, 9],
            sample_1000_50: &[
                137, 582, 867, 821, 782, 64, 261, 120, 507, 779, 460, 483, 667, 388, 807, 214, 96, 499, 29, 914, 855,
                399, 443, 622, 780, 785, 2, 712, 456, 272, 738, 234, 605, 967, 104, 923, 325, 31, 22, 26, 665, 554, 9,
                961, 902, 390, 702, 221, 992, 432,
            ],
            random_1001st: f64::from_bits(0x3fda585c192fcb38),
            getrandbits_0_to_64: &[
                0, 0, 2, 6, 12, 24, 4, 32, 30, 253, 779, 920, 1934, 5337, 6219, 25844, 13759, 12302, 127888, 14862,
                936710, 1752726, 1634976, 3630313, 10191118, 25577875, 51483077, 282669, 186786213, 239115429,
                285970256, 1549495423, 3443818037, 5277493553, 4059906722, 12461536057, 131383004, 86008635065,
                2325348894, 485069952074, 753256536527, 2131234066143, 3192973677813, 4638689408903, 13435609860349,
                33043064120992, 38905943264532, 48650095651897, 190512855912927, 428372387825833, 1072133185245844,
                2086307378438314, 1874306640402805, 8253028069769886, 16612673897876039, 3602891909457747,
                45349654238825863, 104287372192469808, 85428715687081149, 428394882029233392, 1032528131005317878,
                2244166908279731112, 2309530967541328375, 8920940196447031804, 9365730164212708441,
            ],
            big_ranges: &[
                1276586094810739189, -4518178893585726255, -3843708557018368490, 3501332431411006491, 19, 16, 1, -3,
            ],
            randbelow_big: &[10499958131665514997, 1164115433906158532, 0, 0],
        },
        Case {
            seed: Seed::Int(42),
            random: [
                f64::from_bits(0x3fe4762f307200c5), f64::from_bits(0x3f999c6b5eeb2060),
                f64::from_bits(0x3fd19a1491f589dc), f64::from_bits(0x3fcc922b623b8c1c),
                f64::from_bits(0x3fe7912c1468f47e),
            ],
            bits: &[1, 28, 107420369, 3184935163, 4117511471858006928],
            randint_1_6: &[6, 1, 1, 6, 3, 2, 2, 2, 6, 1],
            randrange_0_100_7: &[70, 7, 0, 77, 28],
            uniform_1_3: [
                f64::from_bits(0x40023b1798390062), f64::from_bits(0x3ff0cce35af75903),
                f64::from_bits(0x3ff8cd0a48fac4ee), f64::from_bits(0x3ff7248ad88ee307),
                f64::from_bits(0x4003c8960a347a3f),
            ],
            choice10: &[1, 0, 4, 3, 3, 2, 1, 8, 1, 9],
            shuffle10: &[7, 3, 2, 8, 5, 6, 9, 4, 0, 1],
            sample_100_5: &[81, 14, 3, 94, 35],
            sample_10_8: &[1, 0, 4, 9, 6, 5, 8, 2],
            sample_1000_50: &[
                654, 114, 25, 759, 281, 250, 228, 142, 754, 104, 692, 758, 913, 558, 89, 604, 432, 32, 30, 95, 223, 238,
                517, 616, 27, 574, 203, 733, 665, 718, 429, 225, 459, 603, 284, 828, 890, 6, 777, 825, 163, 714, 348,
                159, 220, 980, 781, 344, 94, 389,
            ],
            random_1001st: f64::from_bits(0x3fb96f4dff63c280),
            getrandbits_0_to_64: &[
                0, 1, 0, 0, 11, 8, 15, 28, 35, 377, 104, 1385, 3033, 7308, 8935, 2848, 38698, 55302, 8331, 15622, 98246,
                458517, 975850, 4239227, 10100198, 890399, 37664518, 26687537, 192205051, 348904049, 753041955,
                1170252923, 1801823908, 946785248, 6825844140, 29246281099, 51567519519, 24935803837, 118962602874,
                151785220214, 236890980656, 1679148444259, 448122261369, 3341882896657, 6314017318807, 12102562833427,
                18612686277123, 6115205051775, 129316009522128, 70272263011973, 1038415602523468, 177439609692435,
                1320356922165489, 5662286581849394, 15950879833673594, 13029276619690689, 13855854739413439,
                10023954183803376, 190596174753506713, 445643557048912526, 1135883078528750669, 1972228384002752305,
                3995950625880289016, 3506045623077649104, 8363943803604256569,
            ],
            big_ranges: &[
                -7169676182496904803, 4455820328218073809, 3047104827490061647, 6792748013404602857, -5, 0, 8, -3,
            ],
            randbelow_big: &[2053695854357871005, 4517457392071889495, 0, 0],
        },
        Case {
            seed: Seed::Int(12345),
            random: [
                f64::from_bits(0x3fdaa9e665dc8a18), f64::from_bits(0x3f84d392d1f6f840),
                f64::from_bits(0x3fea68177b361de3), f64::from_bits(0x3fd31cea56d752c4),
                f64::from_bits(0x3fd7940e9f744b88),
            ],
            bits: &[0, 187, 43676229, 7817590892, 5508932873585391847],
            randint_1_6: &[4, 6, 1, 3, 3, 2, 3, 5, 4, 2],
            randrange_0_100_7: &[42, 77, 0, 91, 91],
            uniform_1_3: [
                f64::from_bits(0x3ffd54f332ee450c), f64::from_bits(0x3ff0534e4b47dbe1),
                f64::from_bits(0x4005340bbd9b0ef2), f64::from_bits(0x3ff98e752b6ba962),
                f64::from_bits(0x3ffbca074fba25c4),
            ],
            choice10: &[6, 0, 4, 5, 3, 4, 9, 6, 2, 5],
            shuffle10: &[8, 7, 3, 5, 1, 2, 9, 4, 0, 6],
            sample_100_5: &[53, 93, 1, 38, 47],
            sample_10_8: &[6, 0, 4, 9, 2, 1, 5, 3],
            sample_1000_50: &[
                426, 750, 10, 839, 845, 822, 305, 875, 377, 954, 198, 276, 579, 446, 165, 382, 127, 895, 443, 267, 575,
                642, 178, 626, 566, 191, 363, 755, 981, 93, 543, 753, 422, 599, 516, 170, 151, 210, 736, 79, 194, 857,
                349, 329, 24, 469, 347, 27, 990, 522,
            ],
            random_1001st: f64::from_bits(0x3fb010c4a83b21a0),
            getrandbits_0_to_64: &[
                0, 0, 2, 0, 13, 26, 51, 38, 218, 188, 954, 396, 1106, 4636, 7147, 5298, 24449, 16287, 229159, 226983,
                273772, 1178764, 2630729, 1462499, 10263786, 18563019, 12536542, 47634057, 198145239, 514357113,
                786912825, 196052585, 2280811246, 8498194066, 10359973919, 6459353242, 13521184837, 11677874957,
                228449187541, 177560649991, 502612196482, 57292792577, 2246128234018, 6077287663878, 7308937102666,
                231943071440, 46720397572200, 23054829393310, 163289377367615, 161324034862037, 734693238034112,
                238449774742746, 3068813770917003, 1636191749108276, 6755441259357932, 34593780724993654,
                42946204875259297, 131596508211075433, 95085120572641617, 23203130491516584, 138122631658900326,
                1151134226436415661, 3399698891839681838, 6973321343455020214, 12353966073431331312,
            ],
            big_ranges: &[
                4292285838037326215, 7965021731097164391, -6438139650720418847, 1491306951641705040, 3, 20, 6, -3,
            ],
            randbelow_big: &[13515657874892102023, 4985137385606203988, 0, 0],
        },
        Case {
            seed: Seed::Int(-7),
            random: [
                f64::from_bits(0x3fd4b9ad0f953a6e), f64::from_bits(0x3fc34f0696513270),
                f64::from_bits(0x3fe4d474883171ff), f64::from_bits(0x3fb28b2f3a47e100),
                f64::from_bits(0x3fe125f2046063a0),
            ],
            bits: &[0, 242, 647892279, 5990721294, 1336213610742710224],
            randint_1_6: &[3, 2, 4, 6, 1, 1, 5, 1, 3, 5],
            randrange_0_100_7: &[35, 14, 42, 70, 0],
            uniform_1_3: [
                f64::from_bits(0x3ffa5cd687ca9d37), f64::from_bits(0x3ff4d3c1a5944c9c),
                f64::from_bits(0x40026a3a4418b900), f64::from_bits(0x3ff25165e748fc20),
                f64::from_bits(0x400092f9023031d0),
            ],
            choice10: &[5, 2, 6, 0, 1, 8, 1, 5, 9, 0],
            shuffle10: &[8, 3, 1, 4, 7, 0, 9, 6, 2, 5],
            sample_100_5: &[41, 19, 50, 83, 6],
            sample_10_8: &[5, 2, 6, 9, 0, 7, 4, 1],
            sample_1000_50: &[
                331, 970, 154, 404, 666, 49, 74, 840, 548, 96, 374, 596, 59, 931, 519, 219, 38, 88, 444, 428, 71, 246,
                92, 564, 434, 60, 846, 579, 126, 228, 645, 642, 63, 590, 599, 406, 50, 999, 226, 47, 570, 879, 136, 296,
                429, 147, 553, 120, 584, 315,
            ],
            random_1001st: f64::from_bits(0x3fee6d82af231089),
            getrandbits_0_to_64: &[
                0, 0, 3, 1, 6, 20, 3, 9, 210, 274, 96, 748, 2387, 475, 14904, 16627, 14070, 4914, 22530, 227355, 438485,
                146497, 1009413, 760955, 9245038, 14244500, 3966838, 110978213, 151787820, 66465668, 1017316375,
                479402028, 2708517688, 6989772469, 4070378921, 19658507471, 1703729684, 34257754828, 150523926448,
                76701537995, 460805363094, 1186030544548, 2508766814656, 4927652407864, 11999348893743, 3625728611723,
                40194801909649, 26442562786631, 27424965620227, 400881715051305, 635419206283319, 1393884647261620,
                2235651621238239, 4789312364130644, 14001307458646142, 16775074160571119, 66540964464255441,
                52109508708918320, 71604085433665453, 103628476113515559, 899082351935573140, 188744808477301755,
                1384654667938361007, 4566642340712892193, 6336008107541988039,
            ],
            big_ranges: &[
                8261657684473197624, -7486979218489765845, 7618535105235728104, 4680268584103075220, -1, 20, 1, -3,
            ],
            randbelow_big: &[17485029721327973432, 7283207964119141687, 0, 0],
        },
        Case {
            seed: Seed::Int(4294967301),
            random: [
                f64::from_bits(0x3fc4218067c49768), f64::from_bits(0x3fd21442cf1e9172),
                f64::from_bits(0x3fe357affb575f81), f64::from_bits(0x3f8dbe785ae59e00),
                f64::from_bits(0x3fe416bcbcaf6e4c),
            ],
            bits: &[0, 124, 1213270837, 8117169770, 267910309641445477],
            randint_1_6: &[2, 4, 3, 5, 1, 3, 6, 2, 6, 4],
            randrange_0_100_7: &[14, 49, 28, 98, 63],
            uniform_1_3: [
                f64::from_bits(0x3ff5086019f125da), f64::from_bits(0x3ff90a21678f48b9),
                f64::from_bits(0x4001abd7fdabafc0), f64::from_bits(0x3ff076f9e16b9678),
                f64::from_bits(0x40020b5e5e57b726),
            ],
            choice10: &[2, 7, 4, 9, 0, 5, 2, 7, 5, 3],
            shuffle10: &[5, 3, 6, 1, 9, 0, 8, 4, 7, 2],
            sample_100_5: &[20, 62, 36, 77, 1],
            sample_10_8: &[2, 7, 4, 8, 0, 9, 1, 6],
            sample_1000_50: &[
                161, 497, 289, 911, 618, 855, 14, 363, 642, 175, 796, 975, 951, 845, 678, 997, 507, 747, 362, 958, 772,
                952, 833, 248, 322, 750, 691, 818, 810, 905, 699, 201, 990, 514, 163, 412, 466, 838, 639, 783, 970, 846,
                136, 430, 516, 948, 17, 938, 645, 116,
            ],
            random_1001st: f64::from_bits(0x3fd11fa6001e9200),
            getrandbits_0_to_64: &[
                0, 0, 1, 2, 14, 19, 53, 1, 90, 321, 175, 1592, 3901, 7609, 13528, 21721, 63829, 64982, 191447, 185827,
                981774, 1582025, 3902759, 6830545, 4064901, 10562333, 49192610, 90628621, 224277506, 429077628,
                849601683, 1899549694, 2933618875, 5141631609, 2158882616, 14615871083, 55055421994, 122939415690,
                260986083870, 76565105578, 555855149873, 38338817699, 2774188824413, 3260368811092, 12198520181295,
                10100145739080, 40359499482962, 42571159976738, 142470206191386, 305390415541279, 24912657995279,
                520505335044380, 760036824860977, 8198326351555066, 9769419573021761, 16379978874433094,
                17579283306256642, 30216655570116966, 45088125111014108, 524520825671801776, 1142250344894343194,
                1396990728912025193, 2497141793817981475, 6921179440232927155, 1257351035792393845,
            ],
            big_ranges: &[
                -267552225364868909, -8955461727213330331, 4482950047882694176, 8785566292633520310, 19, 0, 7, -3,
            ],
            randbelow_big: &[8955819811489906899, 6549815217972825857, 0, 2],
        },
        Case {
            seed: Seed::Int(4611686018427387904),
            random: [
                f64::from_bits(0x3fcb0990ab80dda8), f64::from_bits(0x3fe6a15616370811),
                f64::from_bits(0x3fdaa95b7eb81140), f64::from_bits(0x3fed53f8b184713c),
                f64::from_bits(0x3fd243738bb70c36),
            ],
            bits: &[0, 184, 3037376695, 2378302579, 16906448752045336617],
            randint_1_6: &[2, 6, 6, 5, 4, 4, 3, 4, 2, 6],
            randrange_0_100_7: &[21, 77, 77, 56, 42],
            uniform_1_3: [
                f64::from_bits(0x3ff6c2642ae0376a), f64::from_bits(0x400350ab0b1b8408),
                f64::from_bits(0x3ffd54adbf5c08a0), f64::from_bits(0x4006a9fc58c2389e),
                f64::from_bits(0x3ff921b9c5db861b),
            ],
            choice10: &[3, 8, 6, 6, 4, 7, 2, 3, 4, 3],
            shuffle10: &[1, 4, 0, 5, 2, 9, 7, 6, 8, 3],
            sample_100_5: &[27, 92, 90, 70, 53],
            sample_10_8: &[3, 8, 6, 7, 9, 2, 5, 0],
            sample_1000_50: &[
                216, 736, 724, 567, 426, 860, 938, 388, 292, 475, 132, 752, 207, 288, 227, 760, 827, 848, 98, 63, 35,
                472, 882, 321, 859, 740, 300, 88, 194, 64, 959, 248, 829, 950, 122, 263, 523, 45, 4, 333, 48, 832, 914,
                205, 364, 143, 784, 311, 30, 190,
            ],
            random_1001st: f64::from_bits(0x3fcb5aafb6e531ec),
            getrandbits_0_to_64: &[
                0, 0, 2, 5, 8, 13, 53, 117, 97, 146, 475, 264, 3011, 1659, 4608, 7287, 48668, 105953, 217128, 50628,
                65406, 73006, 4159492, 3866919, 14453532, 10522636, 56323842, 97068962, 78754050, 46631121, 203712802,
                136175058, 4024611413, 5336296337, 3987151296, 18285897800, 192188099, 5695257046, 231123395375,
                111210545493, 151852022125, 669010404239, 816172756804, 6278567865589, 17080190093872, 34221270386642,
                14562064621172, 59571485247656, 119419570233716, 345063732864900, 437470551797556, 459116414244238,
                3792348457030492, 6931315260252989, 5345592773717391, 19308733240483044, 70935082277562087,
                53203544692109197, 16171276941497693, 460017693251399905, 576020870101392167, 1621572153658744701,
                3553873384522552525, 1559247689027064441, 11709287569888188537,
            ],
            big_ranges: &[
                4039124693609029981, 991359762980057271, 1327236728861954767, 1193119930885703399, 15, 16, 4, -3,
            ],
            randbelow_big: &[13262496730463805789, 6997554855101318544, 0, 1],
        },
        Case {
            seed: Seed::Int(i64::MIN),
            random: [
                f64::from_bits(0x3fe1b5fa2193586f), f64::from_bits(0x3fee198384d65bb9),
                f64::from_bits(0x3fcef9ab7f81e664), f64::from_bits(0x3feb3dbe4202321d),
                f64::from_bits(0x3fb5b28d2b6d4850),
            ],
            bits: &[1, 100, 4039908392, 899083848, 15703473677651568251],
            randint_1_6: &[5, 4, 2, 2, 5, 1, 3, 3, 5, 3],
            randrange_0_100_7: &[56, 42, 21, 21, 91],
            uniform_1_3: [
                f64::from_bits(0x4000dafd10c9ac38), f64::from_bits(0x40070cc1c26b2ddc),
                f64::from_bits(0x3ff7be6adfe07999), f64::from_bits(0x40059edf2101190e),
                f64::from_bits(0x3ff2b651a56da90a),
            ],
            choice10: &[8, 6, 3, 3, 8, 1, 5, 5, 8, 4],
            shuffle10: &[5, 7, 9, 2, 0, 4, 1, 3, 6, 8],
            sample_100_5: &[70, 50, 26, 30, 64],
            sample_10_8: &[8, 6, 3, 1, 4, 0, 2, 9],
            sample_1000_50: &[
                566, 403, 963, 214, 247, 992, 871, 514, 86, 365, 772, 341, 515, 312, 469, 666, 685, 987, 194, 248, 26,
                686, 95, 834, 366, 560, 830, 796, 167, 749, 190, 257, 614, 679, 412, 373, 343, 432, 910, 708, 115, 901,
                966, 359, 769, 280, 41, 265, 574, 245,
            ],
            random_1001st: f64::from_bits(0x3fd8314e671a65e4),
            getrandbits_0_to_64: &[
                0, 1, 1, 7, 3, 7, 62, 108, 128, 43, 365, 1544, 1364, 4121, 5000, 15020, 42676, 87742, 252724, 99745,
                254796, 55256, 2810390, 785095, 13666320, 12024522, 65027461, 73465369, 217614371, 417443700, 175481248,
                1571880014, 797394150, 5373663065, 12847996818, 10318873414, 27210938414, 98308919174, 241002078618,
                193034355078, 303874733686, 567109197841, 1054677454020, 7538968749594, 14521923090829, 25995877645875,
                26803114282181, 52048098058513, 280384889179906, 74200563206020, 726357475172441, 1789289354682922,
                765338454830700, 3495924818338840, 11409305226601662, 35175325660840058, 13791574327019292,
                79090943238568404, 253850553994009414, 350662783559363180, 480177449235052061, 882579886867322506,
                2246237705805071399, 4003880896528229804, 2681458196365736084,
            ],
            big_ranges: &[
                -1957346207933148920, -5361836309293032408, 6878171117691496918, 6954673942165078718, 3, 4, 4, -3,
            ],
            randbelow_big: &[7266025828921626888, 3861535727561743400, 0, 2],
        },
        Case {
            seed: Seed::Int(9223372036854775807),
            random: [
                f64::from_bits(0x3fd443e8e5409ca6), f64::from_bits(0x3fe43346b887de9d),
                f64::from_bits(0x3fe9b6b765f6b847), f64::from_bits(0x3fdd058d20dfba84),
                f64::from_bits(0x3fde83c5ee300a8a),
            ],
            bits: &[0, 168, 2711238091, 4864845664, 8364931118716031454],
            randint_1_6: &[3, 6, 6, 2, 4, 4, 1, 4, 6, 6],
            randrange_0_100_7: &[35, 70, 70, 14, 84],
            uniform_1_3: [
                f64::from_bits(0x3ffa21f472a04e53), f64::from_bits(0x400219a35c43ef4e),
                f64::from_bits(0x4004db5bb2fb5c24), f64::from_bits(0x3ffe82c6906fdd42),
                f64::from_bits(0x3fff41e2f7180545),
            ],
            choice10: &[5, 2, 7, 7, 1, 7, 9, 4, 2, 5],
            shuffle10: &[4, 1, 9, 8, 6, 0, 3, 7, 2, 5],
            sample_100_5: &[40, 84, 80, 16, 62],
            sample_10_8: &[5, 2, 7, 3, 0, 6, 8, 9],
            sample_1000_50: &[
                324, 672, 646, 135, 822, 502, 464, 111, 488, 792, 732, 882, 762, 602, 282, 170, 724, 368, 632, 784, 96,
                837, 555, 644, 811, 112, 49, 797, 238, 897, 988, 174, 570, 400, 172, 853, 788, 820, 419, 413, 483, 748,
                403, 340, 856, 74, 629, 199, 370, 559,
            ],
            random_1001st: f64::from_bits(0x3fe5d2eb6b32d447),
            getrandbits_0_to_64: &[
                0, 0, 2, 5, 2, 25, 31, 58, 27, 244, 792, 1464, 3529, 6102, 9646, 9029, 10882, 92730, 94407, 323918,
                803788, 197442, 3431392, 4549622, 10556721, 26583496, 7379994, 6425328, 209036923, 124926917, 941535808,
                2073918728, 733897605, 2392893938, 13610212503, 29349237247, 29210454450, 66157379560, 110511582201,
                460990648377, 674621960820, 795405183154, 2235729535139, 7612964735164, 5777397625780, 22351977013260,
                31083211460392, 104422633753932, 137527933948693, 225125620295022, 916908354090046, 2105913922871431,
                2400562294041249, 3703477590732394, 11828139772919380, 1719131610640032, 11554703346614392,
                116436507169337114, 84695934118689505, 30340577706514982, 627025958024432460, 2275684183998482428,
                3041193712113548519, 2884528757502891743, 2998095981850658608,
            ],
            big_ranges: &[
                2887815374148969375, -858440918138744354, -7067488348660571474, 1531544261869927400, 15, 12, 9, -3,
            ],
            randbelow_big: &[12111187411003745183, 2447608955969091019, 0, 1],
        },
        Case {
            seed: Seed::Entropy(18446744073709551615),
            random: [
                f64::from_bits(0x3f9659799fd7f980), f64::from_bits(0x3fd5a35a94f333d8),
                f64::from_bits(0x3fcb21c0274c09a4), f64::from_bits(0x3fe3af1cb8614c45),
                f64::from_bits(0x3fed6d201f9a6e6f),
            ],
            bits: &[0, 63, 1452108352, 2657516307, 11347071888800127570],
            randint_1_6: &[1, 2, 3, 5, 2, 4, 5, 1, 3, 6],
            randrange_0_100_7: &[0, 21, 35, 63, 21],
            uniform_1_3: [
                f64::from_bits(0x3ff0b2cbccfebfcc), f64::from_bits(0x3ffad1ad4a7999ec),
                f64::from_bits(0x3ff6c87009d30269), f64::from_bits(0x4001d78e5c30a622),
                f64::from_bits(0x4006b6900fcd3738),
            ],
            choice10: &[0, 3, 5, 9, 3, 7, 9, 1, 5, 0],
            shuffle10: &[2, 6, 7, 9, 8, 1, 4, 5, 3, 0],
            sample_100_5: &[2, 31, 43, 79, 27],
            sample_10_8: &[0, 3, 5, 4, 1, 8, 9, 7],
            sample_1000_50: &[
                22, 254, 346, 633, 217, 467, 629, 97, 941, 922, 379, 786, 749, 712, 760, 55, 754, 197, 747, 545, 480,
                674, 899, 972, 80, 820, 337, 495, 268, 284, 603, 37, 321, 301, 303, 769, 586, 297, 510, 382, 794, 145,
                362, 244, 242, 860, 708, 855, 241, 332,
            ],
            random_1001st: f64::from_bits(0x3fd87305d42176a6),
            getrandbits_0_to_64: &[
                0, 0, 0, 2, 9, 6, 29, 78, 24, 470, 922, 759, 3145, 5997, 11395, 24331, 3562, 96616, 50475, 382714,
                558250, 985046, 2761637, 7369866, 15934311, 2625192, 53757225, 44267128, 129765872, 140729055,
                298449059, 1266300489, 157547622, 1349173708, 14157176817, 11049954608, 32705125010, 104682340202,
                95097643200, 131138940066, 924434078510, 1836921949192, 1426943793957, 4394097811090, 8284952182940,
                3827598190195, 9960096543749, 82909177190337, 259530964503444, 141572603388321, 697093318744941,
                92939878156017, 3660039151896327, 5546992525814682, 218640762212790, 15959678110249270,
                37597050758511876, 63708022738594728, 4895215995070679, 184793100288931707, 784377231845638790,
                11445135694636033, 1454175681917644591, 338672473761362685, 7036892270691269417,
            ],
            big_ranges: &[
                -4634218138322968962, 2190573591749028416, -7797235792841133815, 8481545260127949182, 3, -4, 0, -3,
            ],
            randbelow_big: &[4589153898531806846, 8412893781816475729, 0, 1],
        },
        Case {
            seed: Seed::Entropy(9223372036854775808),
            random: [
                f64::from_bits(0x3fe1b5fa2193586f), f64::from_bits(0x3fee198384d65bb9),
                f64::from_bits(0x3fcef9ab7f81e664), f64::from_bits(0x3feb3dbe4202321d),
                f64::from_bits(0x3fb5b28d2b6d4850),
            ],
            bits: &[1, 100, 4039908392, 899083848, 15703473677651568251],
            randint_1_6: &[5, 4, 2, 2, 5, 1, 3, 3, 5, 3],
            randrange_0_100_7: &[56, 42, 21, 21, 91],
            uniform_1_3: [
                f64::from_bits(0x4000dafd10c9ac38), f64::from_bits(0x40070cc1c26b2ddc),
                f64::from_bits(0x3ff7be6adfe07999), f64::from_bits(0x40059edf2101190e),
                f64::from_bits(0x3ff2b651a56da90a),
            ],
            choice10: &[8, 6, 3, 3, 8, 1, 5, 5, 8, 4],
            shuffle10: &[5, 7, 9, 2, 0, 4, 1, 3, 6, 8],
            sample_100_5: &[70, 50, 26, 30, 64],
            sample_10_8: &[8, 6, 3, 1, 4, 0, 2, 9],
            sample_1000_50: &[
                566, 403, 963, 214, 247, 992, 871, 514, 86, 365, 772, 341, 515, 312, 469, 666, 685, 987, 194, 248, 26,
                686, 95, 834, 366, 560, 830, 796, 167, 749, 190, 257, 614, 679, 412, 373, 343, 432, 910, 708, 115, 901,
                966, 359, 769, 280, 41, 265, 574, 245,
            ],
            random_1001st: f64::from_bits(0x3fd8314e671a65e4),
            getrandbits_0_to_64: &[
                0, 1, 1, 7, 3, 7, 62, 108, 128, 43, 365, 1544, 1364, 4121, 5000, 15020, 42676, 87742, 252724, 99745,
                254796, 55256, 2810390, 785095, 13666320, 12024522, 65027461, 73465369, 217614371, 417443700, 175481248,
                1571880014, 797394150, 5373663065, 12847996818, 10318873414, 27210938414, 98308919174, 241002078618,
                193034355078, 303874733686, 567109197841, 1054677454020, 7538968749594, 14521923090829, 25995877645875,
                26803114282181, 52048098058513, 280384889179906, 74200563206020, 726357475172441, 1789289354682922,
                765338454830700, 3495924818338840, 11409305226601662, 35175325660840058, 13791574327019292,
                79090943238568404, 253850553994009414, 350662783559363180, 480177449235052061, 882579886867322506,
                2246237705805071399, 4003880896528229804, 2681458196365736084,
            ],
            big_ranges: &[
                -1957346207933148920, -5361836309293032408, 6878171117691496918, 6954673942165078718, 3, 4, 4, -3,
            ],
            randbelow_big: &[7266025828921626888, 3861535727561743400, 0, 2],
        },
        Case {
            seed: Seed::Int(4294967296),
            random: [
                f64::from_bits(0x3fbced31cb3df170), f64::from_bits(0x3fdabdb5477a4f26),
                f64::from_bits(0x3f91139c02ebd380), f64::from_bits(0x3fe39338e3811e8e),
                f64::from_bits(0x3fe9c7dc430ca10d),
            ],
            bits: &[0, 89, 1794561286, 4014597330, 11284269182920140557],
            randint_1_6: &[1, 3, 4, 1, 1, 5, 3, 5, 4, 1],
            randrange_0_100_7: &[7, 35, 42, 98, 0],
            uniform_1_3: [
                f64::from_bits(0x3ff39da63967be2e), f64::from_bits(0x3ffd5edaa3bd2793),
                f64::from_bits(0x3ff0889ce0175e9c), f64::from_bits(0x4001c99c71c08f47),
                f64::from_bits(0x4004e3ee21865086),
            ],
            choice10: &[1, 5, 6, 0, 0, 9, 5, 8, 7, 0],
            shuffle10: &[8, 9, 3, 2, 4, 7, 0, 6, 5, 1],
            sample_100_5: &[14, 44, 53, 2, 78],
            sample_10_8: &[1, 5, 6, 0, 7, 4, 2, 3],
            sample_1000_50: &[
                115, 359, 427, 957, 17, 23, 626, 897, 824, 780, 339, 857, 558, 462, 14, 141, 77, 838, 962, 979, 443,
                513, 321, 350, 754, 390, 490, 949, 473, 165, 929, 921, 708, 120, 677, 909, 318, 726, 573, 287, 361, 518,
                963, 154, 603, 525, 913, 521, 940, 186,
            ],
            random_1001st: f64::from_bits(0x3fee1c79c3b7b94f),
            getrandbits_0_to_64: &[
                0, 0, 1, 3, 14, 0, 1, 78, 224, 412, 780, 678, 3431, 4469, 16297, 14805, 917, 18099, 19863, 429108,
                986067, 2006539, 1816807, 4203396, 5270701, 11498967, 49462576, 51179107, 128618517, 497888652,
                496322740, 346068744, 3897075505, 8159035804, 9097057170, 12406093053, 11635681647, 36764901185,
                138957275453, 85647440839, 565170802111, 1120525027082, 802809205056, 1288392269114, 17362831251773,
                13408908881556, 3370371489772, 114715801139714, 5539252476111, 124533703658475, 86754757874525,
                1025459313276230, 1971451914590150, 1307294233154223, 4426355020770862, 6522716414928940,
                35041007251109736, 133916171455079031, 13010172770895370, 106698825780528993, 1144717171330195672,
                628695525161069665, 3165769011621392767, 4310713473774678720, 14526142368279629036,
            ],
            big_ranges: &[
                -2742820007989923369, 8019192203898705158, -7703031731230012712, 7430782158761337747, 19, 12, 8, -3,
            ],
            randbelow_big: &[6480552028864852439, 420988764530468635, 0, 2],
        },
        Case {
            seed: Seed::Int(4294967295),
            random: [
                f64::from_bits(0x3fe454d9227a7013), f64::from_bits(0x3fca0274a3720bf8),
                f64::from_bits(0x3fe36f8c1616ef77), f64::from_bits(0x3fd2a53dc4d30c46),
                f64::from_bits(0x3fd5c30407b15d96),
            ],
            bits: &[1, 158, 872737089, 5219860393, 5374191867040357844],
            randint_1_6: &[6, 5, 2, 2, 5, 5, 3, 5, 3, 4],
            randrange_0_100_7: &[70, 63, 21, 21, 63],
            uniform_1_3: [
                f64::from_bits(0x40022a6c913d380a), f64::from_bits(0x3ff6809d28dc82fe),
                f64::from_bits(0x4001b7c60b0b77bc), f64::from_bits(0x3ff9529ee2698623),
                f64::from_bits(0x3ffae18203d8aecb),
            ],
            choice10: &[9, 3, 3, 9, 8, 4, 9, 5, 6, 4],
            shuffle10: &[0, 7, 1, 5, 2, 6, 4, 8, 3, 9],
            sample_100_5: &[81, 79, 26, 27, 77],
            sample_10_8: &[9, 3, 8, 4, 6, 2, 5, 1],
            sample_1000_50: &[
                650, 634, 208, 220, 621, 534, 298, 617, 348, 984, 390, 688, 705, 894, 899, 910, 286, 363, 918, 509, 420,
                65, 222, 994, 981, 625, 141, 879, 823, 488, 812, 516, 374, 166, 765, 865, 719, 63, 338, 38, 387, 736,
                449, 582, 746, 262, 557, 725, 607, 70,
            ],
            random_1001st: f64::from_bits(0x3fdcb16515e461a2),
            getrandbits_0_to_64: &[
                0, 1, 2, 1, 3, 19, 33, 37, 154, 174, 984, 780, 2753, 5640, 14317, 28768, 58271, 36655, 93083, 470514,
                521378, 860759, 269582, 1820138, 16294408, 32148825, 40964057, 18502442, 230518513, 431696985,
                512508117, 1703998268, 2167886738, 1569971578, 16094123918, 3017576310, 1421850383, 100407941014,
                156503452481, 140569460017, 779726806544, 152872380636, 3399031309, 3958016426765, 13055644360496,
                2315877742601, 44690155271396, 66599403051908, 46666622178362, 159819618239542, 543298338456875,
                97189311294487, 1437239490867251, 2222091875293697, 14646674808542128, 15569658003331036,
                34311823374372130, 34277943063729907, 203474977215116092, 130094633917641129, 781215663100058827,
                1094237267673754301, 480846780477589932, 2992895303340940612, 17126403736290087362,
            ],
            big_ranges: &[
                2205643366252071177, 8515096330220867590, 1485222962517887527, 8277381473978735914, 7, 8, 1, -3,
            ],
            randbelow_big: &[11429015403106846985, 3972385604783892801, 0, 2],
        },
    
    ];

    #[rustfmt::skip]
    const SETSIZES: &[(u64, u128)] = &[
        (0, 21), (1, 21), (4, 21), (5, 21), (6, 85), (7, 85), (20, 85), (21, 85), (22, 277), (23, 277), (84, 277),
        (85, 277), (86, 1045), (87, 1045), (100, 1045), (340, 1045), (341, 1045), (342, 4117), (343, 4117),
        (1000, 4117), (1364, 4117), (1365, 4117), (1366, 16405), (1367, 16405), (5460, 16405), (5461, 16405),
        (5462, 65557), (5463, 65557), (21844, 65557), (21845, 65557), (21846, 262165), (21847, 262165), (87380, 262165),
        (87381, 262165), (87382, 1048597), (87383, 1048597), (349524, 1048597), (349525, 1048597), (349526, 4194325),
        (349527, 4194325), (1398100, 4194325), (1398101, 4194325), (1398102, 16777237), (1398103, 16777237),
        (5592404, 16777237), (5592405, 16777237), (5592406, 67108885), (5592407, 67108885), (22369620, 67108885),
        (22369621, 67108885), (22369622, 268435477), (22369623, 268435477), (89478484, 268435477),
        (89478485, 268435477), (89478486, 1073741845), (89478487, 1073741845), (357913940, 1073741845),
        (357913941, 1073741845), (357913942, 4294967317), (357913943, 4294967317), (1431655764, 4294967317),
        (1431655765, 4294967317), (1431655766, 17179869205), (1431655767, 17179869205), (5726623060, 17179869205),
        (5726623061, 17179869205), (5726623062, 68719476757), (5726623063, 68719476757), (22906492244, 68719476757),
        (22906492245, 68719476757), (22906492246, 274877906965), (22906492247, 274877906965),
        (91625968980, 274877906965), (91625968981, 274877906965), (91625968982, 1099511627797),
        (91625968983, 1099511627797), (366503875924, 1099511627797), (366503875925, 1099511627797),
        (366503875926, 4398046511125), (366503875927, 4398046511125), (1466015503700, 4398046511125),
        (1466015503701, 4398046511125), (1466015503702, 17592186044437), (1466015503703, 17592186044437),
        (5864062014804, 17592186044437), (5864062014805, 17592186044437), (5864062014806, 70368744177685),
        (5864062014807, 70368744177685), (23456248059220, 70368744177685), (23456248059221, 70368744177685),
        (23456248059222, 281474976710677), (23456248059223, 281474976710677), (93824992236884, 281474976710677),
        (93824992236885, 281474976710677), (93824992236886, 1125899906842645), (93824992236887, 1125899906842645),
        (375299968947540, 1125899906842645), (375299968947541, 1125899906842645), (375299968947542, 1125899906842645),
        (375299968947543, 4503599627370517), (1501199875790164, 4503599627370517), (1501199875790165, 4503599627370517),
        (1501199875790166, 4503599627370517), (1501199875790167, 18014398509482005),
        (6004799503160660, 18014398509482005), (6004799503160661, 18014398509482005),
        (6004799503160662, 18014398509482005), (6004799503160663, 18014398509482005),
        (24019198012642644, 72057594037927957), (24019198012642645, 72057594037927957),
        (24019198012642646, 72057594037927957), (24019198012642647, 72057594037927957),
        (96076792050570580, 1152921504606846997), (96076792050570581, 1152921504606846997),
        (96076792050570582, 1152921504606846997), (96076792050570583, 1152921504606846997),
        (384307168202282324, 1152921504606846997), (384307168202282325, 1152921504606846997),
        (384307168202282326, 1152921504606846997), (384307168202282327, 1152921504606846997),
        (1537228672809129300, 18446744073709551637), (1537228672809129301, 18446744073709551637),
        (1537228672809129302, 18446744073709551637), (1537228672809129303, 18446744073709551637),
        (6148914691236517204, 18446744073709551637), (6148914691236517205, 18446744073709551637),
        (6148914691236517206, 18446744073709551637), (6148914691236517207, 18446744073709551637),
    ];

    #[rustfmt::skip]
    const SAMPLES_2024: &[(usize, usize, &[usize])] = &[
        (85, 6, &[60, 23, 74, 38, 25, 52]),
        (86, 6, &[60, 23, 74, 38, 25, 52]),
        (21, 5, &[15, 5, 18, 9, 6]),
        (22, 5, &[15, 5, 18, 9, 6]),
        (1, 1, &[0]),
        (0, 0, &[]),
        (5, 5, &[3, 1, 2, 4, 0]),
        (
            277,
            22,
            &[
                240, 93, 155, 102, 209, 135, 125, 255, 181, 212, 111, 158, 169, 38, 105, 239, 75, 108, 210, 29, 178,
                213,
            ],
        ),
        (
            278,
            22,
            &[
                240, 93, 155, 102, 209, 135, 272, 125, 255, 181, 212, 269, 111, 158, 169, 265, 38, 105, 239, 75, 108,
                210,
            ],
        ),
        (
            30,
            30,
            &[
                15, 5, 23, 18, 9, 6, 27, 13, 8, 17, 7, 29, 11, 22, 24, 4, 21, 20, 28, 16, 1, 3, 19, 12, 26, 25, 14, 10,
                0, 2,
            ],
        ),
        (200, 0, &[]),
        (
            100,
            100,
            &[
                60, 23, 93, 74, 38, 25, 92, 52, 91, 33, 68, 31, 81, 63, 45, 53, 67, 78, 27, 39, 69, 42, 66, 9, 26, 59,
                18, 89, 87, 97, 7, 44, 84, 96, 15, 17, 41, 24, 21, 22, 50, 12, 20, 71, 75, 57, 36, 13, 55, 14, 70, 2,
                47, 77, 1, 16, 32, 54, 83, 51, 80, 79, 61, 46, 65, 29, 98, 8, 58, 11, 35, 19, 40, 82, 4, 43, 88, 28, 10,
                37, 86, 5, 94, 56, 6, 76, 72, 85, 90, 48, 0, 49, 95, 73, 30, 62, 34, 99, 64, 3,
            ],
        ),
    ];

    #[test]
    fn random_floats() {
        for c in CASES {
            let mut r = c.rng();
            for &want in &c.random {
                assert_eq!(r.random().to_bits(), want.to_bits());
            }
            let mut r = c.rng();
            for _ in 0..1000 {
                r.random();
            }
            assert_eq!(r.random().to_bits(), c.random_1001st.to_bits());
        }
    }

    #[test]
    fn getrandbits_words() {
        for c in CASES {
            let mut r = c.rng();
            let got: Vec<u64> = [1, 8, 32, 33, 64].iter().map(|&k| r.getrandbits(k)).collect();
            assert_eq!(got, c.bits);
            let mut r = c.rng();
            let got: Vec<u64> = (0..=64).map(|k| r.getrandbits(k)).collect();
            assert_eq!(got, c.getrandbits_0_to_64);
        }
    }

    #[test]
    fn randint_randrange_uniform() {
        for c in CASES {
            let mut r = c.rng();
            let got: Vec<i64> = (0..10).map(|_| r.randint(1, 6).unwrap()).collect();
            assert_eq!(got, c.randint_1_6);
            let mut r = c.rng();
            let got: Vec<i64> = (0..5).map(|_| r.randrange(0, Some(100), 7).unwrap()).collect();
            assert_eq!(got, c.randrange_0_100_7);
            let mut r = c.rng();
            for &want in &c.uniform_1_3 {
                assert_eq!(r.uniform(1.0, 3.0).to_bits(), want.to_bits());
            }
        }
    }

    #[test]
    fn extreme_ranges() {
        for c in CASES {
            let mut r = c.rng();
            let got = vec![
                r.randrange(i64::MIN, Some(i64::MAX), 1).unwrap(),
                r.randint(i64::MIN, i64::MAX).unwrap(),
                r.randrange(i64::MAX, Some(i64::MIN), -3).unwrap(),
                r.randrange(i64::MAX, None, 1).unwrap(),
                r.randrange(-5, Some(20), 4).unwrap(),
                r.randrange(20, Some(-5), -4).unwrap(),
                r.randrange(10, None, 1).unwrap(),
                r.randint(-3, -3).unwrap(),
            ];
            assert_eq!(got, c.big_ranges);
            let mut r = c.rng();
            let got = vec![r.randbelow(u64::MAX), r.randbelow((1 << 63) + 1), r.randbelow(1), r.randbelow(3)];
            assert_eq!(got, c.randbelow_big);
        }
    }

    #[test]
    fn choice_shuffle_sample() {
        for c in CASES {
            let mut r = c.rng();
            let got: Vec<usize> = (0..10).map(|_| r.choice_index(10).unwrap()).collect();
            assert_eq!(got, c.choice10);
            let mut r = c.rng();
            let mut items: Vec<usize> = (0..10).collect();
            r.shuffle_indices(&mut items);
            assert_eq!(items, c.shuffle10);
            let mut r = c.rng();
            assert_eq!(r.sample_indices(100, 5).unwrap(), c.sample_100_5);
            let mut r = c.rng();
            assert_eq!(r.sample_indices(10, 8).unwrap(), c.sample_10_8);
            let mut r = c.rng();
            assert_eq!(r.sample_indices(1000, 50).unwrap(), c.sample_1000_50);
        }
    }

    #[test]
    fn sample_branch_boundaries() {
        for &(n, k, want) in SAMPLES_2024 {
            let mut r = Random::from_seed(2024);
            assert_eq!(r.sample_indices(n, k).unwrap(), want, "sample(range({n}), {k})");
        }
    }

    #[test]
    fn setsize_matches_float_log() {
        for &(k, want) in SETSIZES {
            assert_eq!(sample_setsize(k), want, "k = {k}");
        }
    }

    #[test]
    fn seeding_rules() {
        // abs(seed), and entropy is seeded like the same int.
        assert_eq!(Random::from_seed(-7), Random::from_seed(7));
        assert_eq!(Random::from_entropy(42), Random::from_seed(42));
        assert_eq!(Random::from_entropy(1 << 63), Random::from_seed(i64::MIN));
        let mut r = Random::from_seed(3);
        r.random();
        r.seed(0);
        assert_eq!(r, Random::from_seed(0));
        assert_ne!(Random::from_seed(0), Random::from_seed(1));
    }

    #[test]
    fn error_messages() {
        let mut r = Random::from_seed(0);
        let fresh = r.clone();
        let err = |res: Result<i64, String>| res.unwrap_err();
        assert_eq!(err(r.randrange(0, None, 1)), "empty range for randrange()");
        assert_eq!(err(r.randrange(-5, None, 1)), "empty range for randrange()");
        assert_eq!(err(r.randrange(0, Some(0), 1)), "empty range for randrange() (0, 0, 0)");
        assert_eq!(err(r.randrange(5, Some(2), 1)), "empty range for randrange() (5, 2, -3)");
        assert_eq!(err(r.randrange(0, Some(10), 0)), "zero step for randrange()");
        assert_eq!(err(r.randrange(10, Some(0), 2)), "empty range for randrange()");
        assert_eq!(err(r.randrange(0, Some(10), -1)), "empty range for randrange()");
        assert_eq!(err(r.randrange(3, Some(3), 5)), "empty range for randrange()");
        assert_eq!(err(r.randint(5, 1)), "empty range for randrange() (5, 2, -3)");
        assert_eq!(err(r.randint(0, -1)), "empty range for randrange() (0, 0, 0)");
        assert_eq!(err(r.randrange(10, None, 2)), "Missing a non-None stop argument");
        assert_eq!(
            err(r.randrange(i64::MIN, Some(i64::MIN), 1)),
            "empty range for randrange() (-9223372036854775808, -9223372036854775808, 0)"
        );
        assert_eq!(
            err(r.randint(i64::MAX, i64::MAX - 1)),
            "empty range for randrange() (9223372036854775807, 9223372036854775807, 0)"
        );
        assert_eq!(r.choice_index(0).unwrap_err(), "Cannot choose from an empty sequence");
        assert_eq!(r.sample_indices(3, 4).unwrap_err(), "Sample larger than population or is negative");
        // Errors draw nothing.
        assert_eq!(r, fresh);
    }

    #[test]
    fn degenerate_inputs() {
        let mut r = Random::from_seed(5);
        let fresh = r.clone();
        assert_eq!(r.randbelow(0), 0);
        assert_eq!(r.getrandbits(0), 0);
        assert_eq!(r.sample_indices(0, 0).unwrap(), Vec::<usize>::new());
        let mut empty: [u8; 0] = [];
        r.shuffle_indices(&mut empty);
        let mut one = [9];
        r.shuffle_indices(&mut one);
        assert_eq!(one, [9]);
        assert_eq!(r, fresh);
    }

    #[test]
    fn floor_division() {
        assert_eq!(floor_div(7, 2), 3);
        assert_eq!(floor_div(-7, 2), -4);
        assert_eq!(floor_div(7, -2), -4);
        assert_eq!(floor_div(-7, -2), 3);
        assert_eq!(floor_div(-6, 3), -2);
    }
}
