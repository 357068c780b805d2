//! Integers beyond 64 bits (Python's `int` has no size limit): sign and magnitude in base 2^32,
//! with the operations the interpreter needs — `+ - *`, floor division and modulo with Python's
//! signs, powers, comparison, decimal text both ways and conversion to float. Small and plain on
//! purpose: values that fit in an `i64` stay `Value::Int`; only results that overflow come here.

use std::cmp::Ordering;

/// An integer of any size. Invariants: no high zero limbs; zero is never negative.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigInt {
    neg: bool,
    /// Little-endian limbs.
    mag: Vec<u32>,
}

/// CPython 3.11's limit on int ↔ str conversions (`sys.get_int_max_str_digits()`).
pub const MAX_STR_DIGITS: usize = 4300;

impl BigInt {
    pub fn from_i64(v: i64) -> BigInt {
        BigInt::from_i128(v as i128)
    }

    pub fn from_i128(v: i128) -> BigInt {
        let neg = v < 0;
        let mut m = v.unsigned_abs();
        let mut mag = Vec::new();
        while m > 0 {
            mag.push(m as u32);
            m >>= 32;
        }
        BigInt { neg, mag }
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.mag.len() > 2 {
            return None;
        }
        let m = self.mag.iter().rev().fold(0u128, |acc, &l| (acc << 32) | l as u128);
        let v = if self.neg { -(m as i128) } else { m as i128 };
        i64::try_from(v).ok()
    }

    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.neg
    }

    fn normalized(mut self) -> BigInt {
        while self.mag.last() == Some(&0) {
            self.mag.pop();
        }
        if self.mag.is_empty() {
            self.neg = false;
        }
        self
    }

    pub fn neg(&self) -> BigInt {
        BigInt { neg: !self.neg, mag: self.mag.clone() }.normalized()
    }

    pub fn abs(&self) -> BigInt {
        BigInt { neg: false, mag: self.mag.clone() }
    }

    pub fn add(&self, other: &BigInt) -> BigInt {
        if self.neg == other.neg {
            return BigInt { neg: self.neg, mag: add_mag(&self.mag, &other.mag) }.normalized();
        }
        // Different signs: the larger magnitude wins.
        match cmp_mag(&self.mag, &other.mag) {
            Ordering::Equal => BigInt::from_i64(0),
            Ordering::Greater => BigInt { neg: self.neg, mag: sub_mag(&self.mag, &other.mag) }.normalized(),
            Ordering::Less => BigInt { neg: other.neg, mag: sub_mag(&other.mag, &self.mag) }.normalized(),
        }
    }

    pub fn sub(&self, other: &BigInt) -> BigInt {
        self.add(&other.neg())
    }

    pub fn mul(&self, other: &BigInt) -> BigInt {
        let mut out = vec![0u32; self.mag.len() + other.mag.len()];
        for (i, &a) in self.mag.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.mag.iter().enumerate() {
                let t = out[i + j] as u64 + a as u64 * b as u64 + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            let mut k = i + other.mag.len();
            while carry > 0 {
                let t = out[k] as u64 + carry;
                out[k] = t as u32;
                carry = t >> 32;
                k += 1;
            }
        }
        BigInt { neg: self.neg != other.neg, mag: out }.normalized()
    }

    /// Python's `divmod`: the quotient rounded down, the remainder with the divisor's sign.
    /// `None` for a zero divisor.
    pub fn divmod(&self, other: &BigInt) -> Option<(BigInt, BigInt)> {
        if other.is_zero() {
            return None;
        }
        let (q, r) = divmod_mag(&self.mag, &other.mag);
        let mut q = BigInt { neg: self.neg != other.neg, mag: q }.normalized();
        let mut r = BigInt { neg: self.neg, mag: r }.normalized();
        // Truncated → floored: when the signs differ and there is a remainder, step down.
        if !r.is_zero() && self.neg != other.neg {
            q = q.sub(&BigInt::from_i64(1));
            r = r.add(other);
        }
        Some((q, r))
    }

    /// `self ** exp` for a non-negative exponent, by squaring.
    pub fn pow(&self, mut exp: u64) -> BigInt {
        let mut base = self.clone();
        let mut out = BigInt::from_i64(1);
        while exp > 0 {
            if exp & 1 == 1 {
                out = out.mul(&base);
            }
            exp >>= 1;
            if exp > 0 {
                base = base.mul(&base);
            }
        }
        out
    }

    /// How many bits the magnitude needs (`int.bit_length()`).
    pub fn bit_length(&self) -> u64 {
        match self.mag.last() {
            None => 0,
            Some(&top) => (self.mag.len() as u64 - 1) * 32 + (32 - top.leading_zeros()) as u64,
        }
    }

    /// The nearest float (ties to even, as CPython's `int.__float__`); `None` if it overflows.
    pub fn to_f64(&self) -> Option<f64> {
        let bits = self.bit_length();
        if bits > 1024 {
            return None;
        }
        // Keep 64 significant bits plus a sticky bit for everything below, then let the u128 →
        // f64 conversion round once.
        let shift = bits.saturating_sub(64);
        let (top, rest) = shr_mag(&self.mag, shift);
        let sticky = rest as u128;
        let m = ((top as u128) << 1) | sticky;
        let value = m as f64 * 2f64.powi(shift as i32 - 1);
        if value.is_infinite() {
            return None;
        }
        Some(if self.neg { -value } else { value })
    }

    /// Decimal text; `None` past CPython's 4,300-digit limit.
    pub fn to_decimal(&self) -> Option<String> {
        if self.is_zero() {
            return Some("0".to_string());
        }
        let mut chunks = Vec::new();
        let mut mag = self.mag.clone();
        while !mag.is_empty() {
            let rem = div_small(&mut mag, 1_000_000_000);
            chunks.push(rem);
            if chunks.len() * 9 > MAX_STR_DIGITS + 9 {
                return None;
            }
        }
        let mut out = String::new();
        if self.neg {
            out.push('-');
        }
        out.push_str(&chunks.last().copied().unwrap_or(0).to_string());
        for c in chunks.iter().rev().skip(1) {
            out.push_str(&format!("{c:09}"));
        }
        if out.trim_start_matches('-').len() > MAX_STR_DIGITS {
            return None;
        }
        Some(out)
    }

    /// Parses decimal digits (an optional sign, `_` between digits already removed by the caller).
    pub fn parse_decimal(text: &str) -> Option<BigInt> {
        let (neg, digits) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > MAX_STR_DIGITS {
            return None;
        }
        let mut mag: Vec<u32> = Vec::new();
        for chunk in digits.as_bytes().chunks(9) {
            let value: u32 = std::str::from_utf8(chunk).ok()?.parse().ok()?;
            mul_small_add(&mut mag, 10u32.pow(chunk.len() as u32), value);
        }
        Some(BigInt { neg, mag }.normalized())
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigInt {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.mag, &other.mag),
            (true, true) => cmp_mag(&other.mag, &self.mag),
        }
    }
}

fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(long.len() + 1);
    let mut carry = 0u64;
    for (i, &x) in long.iter().enumerate() {
        let t = x as u64 + short.get(i).copied().unwrap_or(0) as u64 + carry;
        out.push(t as u32);
        carry = t >> 32;
    }
    if carry > 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b` for `a >= b`.
fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let mut t = x as i64 - b.get(i).copied().unwrap_or(0) as i64 - borrow;
        borrow = 0;
        if t < 0 {
            t += 1 << 32;
            borrow = 1;
        }
        out.push(t as u32);
    }
    out
}

/// Divides `mag` in place by a small divisor; returns the remainder.
fn div_small(mag: &mut Vec<u32>, divisor: u32) -> u32 {
    let mut rem = 0u64;
    for limb in mag.iter_mut().rev() {
        let cur = (rem << 32) | *limb as u64;
        *limb = (cur / divisor as u64) as u32;
        rem = cur % divisor as u64;
    }
    while mag.last() == Some(&0) {
        mag.pop();
    }
    rem as u32
}

/// `mag = mag * factor + add`.
fn mul_small_add(mag: &mut Vec<u32>, factor: u32, add: u32) {
    let mut carry = add as u64;
    for limb in mag.iter_mut() {
        let t = *limb as u64 * factor as u64 + carry;
        *limb = t as u32;
        carry = t >> 32;
    }
    if carry > 0 {
        mag.push(carry as u32);
    }
}

/// Truncated division of magnitudes: shift-and-subtract, one bit at a time (the numbers a
/// learner's program makes are small enough for this to be instant).
fn divmod_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let mut q = a.to_vec();
        let r = div_small(&mut q, b[0]);
        return (q, if r == 0 { Vec::new() } else { vec![r] });
    }
    let bits = a.len() * 32;
    let mut q = vec![0u32; a.len()];
    let mut r: Vec<u32> = Vec::new();
    for i in (0..bits).rev() {
        // r = r << 1 | bit i of a
        let bit = (a[i / 32] >> (i % 32)) & 1;
        let mut carry = bit;
        for limb in r.iter_mut() {
            let next = *limb >> 31;
            *limb = (*limb << 1) | carry;
            carry = next;
        }
        if carry > 0 {
            r.push(carry);
        }
        if cmp_mag(&r, b) != Ordering::Less {
            r = sub_mag(&r, b);
            while r.last() == Some(&0) {
                r.pop();
            }
            q[i / 32] |= 1 << (i % 32);
        }
    }
    while q.last() == Some(&0) {
        q.pop();
    }
    (q, r)
}

/// The magnitude shifted right by `shift` bits (at most 64 bits are left): the top bits as a
/// u64, and whether any 1 bit was shifted out.
fn shr_mag(mag: &[u32], shift: u64) -> (u64, bool) {
    let limb_shift = (shift / 32) as usize;
    let bit_shift = (shift % 32) as u32;
    let lost_limbs = mag.iter().take(limb_shift).any(|&l| l != 0);
    let lost_bits = bit_shift > 0 && mag.get(limb_shift).is_some_and(|&l| l & ((1u32 << bit_shift) - 1) != 0);
    let mut top = 0u128;
    for (k, &l) in mag.iter().skip(limb_shift).take(4).enumerate() {
        top |= (l as u128) << (32 * k);
    }
    ((top >> bit_shift) as u64, lost_limbs || lost_bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(text: &str) -> BigInt {
        BigInt::parse_decimal(text).unwrap()
    }

    #[test]
    fn arithmetic_matches_cpython() {
        // Expected values computed by CPython.
        let a = big("123456789012345678901234567890");
        let b = big("-987654321098765432109876543210");
        assert_eq!(a.add(&b).to_decimal().unwrap(), "-864197532086419753208641975320");
        assert_eq!(a.sub(&b).to_decimal().unwrap(), "1111111110111111111011111111100");
        assert_eq!(a.mul(&b).to_decimal().unwrap(), "-121932631137021795226185032733622923332237463801111263526900");
        let (q, r) = b.divmod(&a).unwrap();
        assert_eq!(
            (q.to_decimal().unwrap(), r.to_decimal().unwrap()),
            ("-9".to_string(), "123456780012345678001234567800".to_string())
        );
        let (q, r) = a.divmod(&big("-7")).unwrap();
        assert_eq!(
            (q.to_decimal().unwrap(), r.to_decimal().unwrap()),
            ("-17636684144620811271604938270".to_string(), "0".to_string())
        );
        assert_eq!(BigInt::from_i64(2).pow(100).to_decimal().unwrap(), "1267650600228229401496703205376");
        assert_eq!(BigInt::from_i64(-3).pow(41).to_decimal().unwrap(), "-36472996377170786403");
        assert_eq!(big("-0").to_decimal().unwrap(), "0");
        assert!(BigInt::from_i64(10).pow(5000).to_decimal().is_none(), "past 4,300 digits");
    }

    #[test]
    fn agrees_with_i128_on_small_values() {
        let samples = [
            0i128,
            1,
            -1,
            7,
            -7,
            1 << 40,
            -(1 << 40),
            i64::MAX as i128,
            i64::MIN as i128,
            123_456_789_123,
            -98_765_432_109_876,
        ];
        for &x in &samples {
            for &y in &samples {
                let (bx, by) = (BigInt::from_i128(x), BigInt::from_i128(y));
                assert_eq!(bx.add(&by), BigInt::from_i128(x + y));
                assert_eq!(bx.sub(&by), BigInt::from_i128(x - y));
                if x.abs() < 1 << 62 && y.abs() < 1 << 62 {
                    assert_eq!(bx.mul(&by), BigInt::from_i128(x * y));
                }
                assert_eq!(bx.cmp(&by), x.cmp(&y));
                if y != 0 {
                    // Python's floor division, from Rust's truncating one.
                    let (mut q, mut r) = (x / y, x % y);
                    if r != 0 && (r < 0) != (y < 0) {
                        q -= 1;
                        r += y;
                    }
                    assert_eq!(bx.divmod(&by).unwrap(), (BigInt::from_i128(q), BigInt::from_i128(r)), "{x} divmod {y}");
                }
            }
            assert_eq!(BigInt::from_i128(x).to_decimal().unwrap(), x.to_string());
            assert_eq!(BigInt::from_i128(x).to_f64().unwrap(), x as f64);
        }
    }

    #[test]
    fn floats_round_like_cpython() {
        assert_eq!(BigInt::from_i64(2).pow(1023).to_f64(), Some(8.98846567431158e307));
        assert_eq!(BigInt::from_i64(2).pow(1024).to_f64(), None);
        assert_eq!(big("9007199254740993").to_f64(), Some(9007199254740992.0));
        assert_eq!(big("123456789012345678901234567890").to_f64(), Some(1.2345678901234568e29));
    }
}
