//! Decimal text → the nearest `f64`, correctly rounded (ties to even), for every number the page
//! reads: Python's float literals and `float()`, link values, the input fields.
//!
//! Why not `str::parse::<f64>`: the standard library's parser carries a 10 kB table of powers of
//! five (Eisel–Lemire) that brotli cannot shrink, about 3 % of the whole site. This one takes the
//! exact fast path when it can (Clinger: a mantissa below 2^53 times an exactly representable
//! power of ten) and otherwise refines a close guess one unit in the last place at a time,
//! comparing the text's exact value with the halfway points between neighbouring floats in integer
//! arithmetic (Clinger's Algorithm R). It accepts the same grammar as `str::parse::<f64>` and gives
//! the same bits; tests/decimal.rs checks both against the standard library.

use std::cmp::Ordering;

/// More significant digits than any halfway point between two floats has (767): digits past this
/// can only tell "a little more than", which one extra nonzero digit says as well.
const MAX_DIGITS: usize = 800;

/// `text` as the nearest `f64` (`None` if it is not a number in `str::parse::<f64>`'s grammar:
/// an optional sign, digits with an optional `.`, an optional exponent; or `inf`, `infinity`,
/// `nan` in any case).
pub fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let magnitude = parse_magnitude(rest)?;
    Some(if negative { -magnitude } else { magnitude })
}

fn parse_magnitude(text: &[u8]) -> Option<f64> {
    if text.eq_ignore_ascii_case(b"inf") || text.eq_ignore_ascii_case(b"infinity") {
        return Some(f64::INFINITY);
    }
    if text.eq_ignore_ascii_case(b"nan") {
        return Some(f64::NAN);
    }
    let (mut digits, mut exponent) = (Vec::new(), 0i64);
    let mut any_digit = false;
    let mut i = 0;
    let mut after_point = false;
    while i < text.len() {
        match text[i] {
            d @ b'0'..=b'9' => {
                any_digit = true;
                // Leading zeros carry no digit (but still move the point).
                if !(digits.is_empty() && d == b'0') {
                    digits.push(d - b'0');
                }
                if after_point {
                    exponent -= 1;
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if i < text.len() {
        if text[i] | 0x20 != b'e' {
            return None;
        }
        i += 1;
        let negative = match text.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut written = 0i64;
        while let Some(d @ b'0'..=b'9') = text.get(i) {
            // Saturates: past a million the number is 0 or infinity whatever its digits.
            written = (written * 10 + i64::from(d - b'0')).min(1_000_000);
            i += 1;
        }
        if i == start || i < text.len() {
            return None;
        }
        exponent += if negative { -written } else { written };
    }
    // Trailing zeros are a power of ten.
    while digits.last() == Some(&0) {
        digits.pop();
        exponent += 1;
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    if digits.len() > MAX_DIGITS {
        let sticky = digits[MAX_DIGITS..].iter().any(|&d| d != 0);
        exponent += (digits.len() - MAX_DIGITS) as i64;
        digits.truncate(MAX_DIGITS);
        if sticky {
            digits.push(1);
            exponent -= 1;
        }
    }
    Some(nearest(&digits, exponent))
}

/// The float nearest to `digits × 10^exponent` (`digits` nonempty, no leading or trailing zero).
fn nearest(digits: &[u8], exponent: i64) -> f64 {
    let count = digits.len() as i64;
    // The value lies in [10^(count - 1 + exponent), 10^(count + exponent)).
    if count + exponent > 310 {
        return f64::INFINITY;
    }
    if count + exponent < -324 {
        return 0.0;
    }
    let leading = digits.len().min(19);
    let mantissa = digits[..leading].iter().fold(0u64, |m, &d| m * 10 + u64::from(d));
    if leading == digits.len() && mantissa < 1 << 53 && (-22..=22).contains(&exponent) {
        // Both operands are exact, so the one rounding of the operation is the right one.
        let power = exact_power_of_ten(exponent.unsigned_abs() as u32);
        return if exponent >= 0 { mantissa as f64 * power } else { mantissa as f64 / power };
    }
    let mut guess = mantissa as f64;
    let mut scale = exponent + (digits.len() - leading) as i64;
    // A few roundings off at most, and never overflowing or underflowing on the way.
    while scale > 0 {
        let step = scale.min(22);
        guess *= exact_power_of_ten(step as u32);
        scale -= step;
    }
    while scale < 0 {
        let step = (-scale).min(22);
        guess /= exact_power_of_ten(step as u32);
        scale += step;
    }
    let guess = if guess.is_infinite() {
        f64::MAX
    } else if guess == 0.0 {
        f64::from_bits(1)
    } else {
        guess
    };
    refine(&Big::from_digits(digits), exponent, guess)
}

/// 10^n for n ≤ 22: every step is exact, as is the result.
fn exact_power_of_ten(n: u32) -> f64 {
    (0..n).fold(1.0, |p, _| p * 10.0)
}

/// Algorithm R: moves `z` one float at a time towards `digits × 10^exponent` until the value lies
/// within half a unit of it (a tie goes to the even mantissa).
fn refine(digits: &Big, exponent: i64, mut z: f64) -> f64 {
    loop {
        let (m, k) = decompose(z);
        // The halfway point to the next float up: (2m + 1) × 2^(k - 1).
        match compare(digits, exponent, 2 * m + 1, k - 1) {
            Ordering::Greater => {
                z = f64::from_bits(z.to_bits() + 1);
                if z.is_infinite() {
                    return z;
                }
                continue;
            }
            Ordering::Equal => return if m % 2 == 1 { f64::from_bits(z.to_bits() + 1) } else { z },
            Ordering::Less => {}
        }
        if m == 0 {
            return z;
        }
        // The halfway point to the next float down; below a power of two the floats are twice as dense.
        let (below, shift) = if m == 1 << 52 && k > -1074 { (4 * m - 1, k - 2) } else { (2 * m - 1, k - 1) };
        match compare(digits, exponent, below, shift) {
            Ordering::Less => z = f64::from_bits(z.to_bits() - 1),
            Ordering::Equal => return if m % 2 == 1 { f64::from_bits(z.to_bits() - 1) } else { z },
            Ordering::Greater => return z,
        }
    }
}

/// A positive finite float as `m × 2^k` with `m` an integer.
fn decompose(z: f64) -> (u64, i64) {
    let bits = z.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// `digits × 10^exponent` against `m × 2^k`, exactly: 10^e = 5^e × 2^e, and each side takes the
/// factors with a positive exponent.
fn compare(digits: &Big, exponent: i64, m: u64, k: i64) -> Ordering {
    let mut left = digits.clone();
    let mut right = Big::from_u64(m);
    if exponent >= 0 {
        left.mul_pow5(exponent as u32);
    } else {
        right.mul_pow5(exponent.unsigned_abs() as u32);
    }
    let twos = exponent - k;
    if twos >= 0 {
        left.shl(twos as u32);
    } else {
        right.shl(twos.unsigned_abs() as u32);
    }
    left.cmp(&right)
}

/// A nonnegative integer as little-endian 32-bit limbs, just what the comparisons need.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        Big(vec![n as u32, (n >> 32) as u32])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d));
            big.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(13); // 5^13 < 2^32
            self.mul_add(5u32.pow(step), 0);
            n -= step;
        }
    }

    fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits != 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let trimmed = |b: &Big| b.0.len() - b.0.iter().rev().take_while(|&&l| l == 0).count();
        let (a, b) = (trimmed(self), trimmed(other));
        a.cmp(&b).then_with(|| self.0[..a].iter().rev().cmp(other.0[..b].iter().rev()))
    }
}
