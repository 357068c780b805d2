//! `decimal::parse_f64` (the page's own decimal → float parser, without the standard library's
//! table) against `str::parse::<f64>`: the same accepted texts and the same bits, for shortest
//! and long renderings of random floats, random digit strings, the exact halfway points between
//! neighbouring floats (where the rounding rule decides) and the texts a person or a link mangles.
#![cfg(not(target_arch = "wasm32"))]

use async_playground::decimal::parse_f64;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.trim().parse().ok()).unwrap_or(2_000);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Same outcome as the standard library, bit for bit (NaN's payload aside).
fn check(text: &str) {
    let ours = parse_f64(text);
    let std = text.parse::<f64>().ok();
    match (ours, std) {
        (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
        (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text:?}: ours {a:e}, std {b:e}"),
        (a, b) => assert_eq!(a.is_some(), b.is_some(), "{text:?}: ours {a:?}, std {b:?}"),
    }
}

#[test]
fn texts_people_and_links_write() {
    for text in [
        "0", "-0", "+0", "0.0", "-0.0", "00", "000.000", "1", "-1", "1.", ".5", "-.5", "+.5", "1.5", "2.5e3", "2.5E-3",
        "1e5", "1e+5", "1E-5", "1.e5", ".1e1", "0.1", "0.2", "0.3", "1.1", "3.14159", "123456789012345678901234567890",
        "1e22", "1e23", "9007199254740993", "9007199254740992", "4.35", "0.000001", "1e-7", "5e-324", "2e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "1e-320", "2.2250738585072011e-308",
        "2.2250738585072014e-308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
        "1e308", "1e309", "1e400", "1e1000000000000", "1e-1000000000000", "0e999999", "inf", "-inf", "+inf", "INF",
        "Infinity", "-infinity", "iNfInItY", "nan", "NaN", "-nan", "+NAN", "", "-", "+", ".", "-.", "e", "e5", ".e5",
        "1e", "1e+", "1e-", "1.2.3", "1..2", "1e5.5", " 1", "1 ", "1_000", "0x10", "1,5", "--1", "+-1", "infinit",
        "nana", "in", "1f", "١", "0.30000000000000004", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
    ] {
        check(text);
    }
}

#[test]
fn long_digit_strings_decide_by_their_last_digits() {
    // The halfway point between 1 and the next float, then a hair above and below it.
    let half_ulp_above_one = "1.00000000000000011102230246251565404236316680908203125";
    check(half_ulp_above_one);
    check(&format!("{half_ulp_above_one}{}1", "0".repeat(900)));
    check("1.00000000000000011102230246251565404236316680908203124999999999999999999999999");
    check(&format!("0.{}1", "0".repeat(1000)));
    check(&format!("{}e-1000", "9".repeat(1200)));
}

/// `digits` (decimal) times `factor`, in place: the exact decimal expansion of a halfway point is
/// (2m + 1) × 2^n, or (2m + 1) × 5^n / 10^n.
fn times_digit(digits: &mut Vec<u8>, factor: u8) {
    let mut carry = 0;
    for d in digits.iter_mut().rev() {
        let v = *d * factor + carry;
        *d = v % 10;
        carry = v / 10;
    }
    if carry > 0 {
        digits.insert(0, carry);
    }
}

/// The exact decimal text of the halfway point above the positive finite float `z`.
fn halfway_above(z: f64) -> String {
    let bits = z.to_bits();
    let (biased, fraction) = (((bits >> 52) & 0x7ff) as i64, bits & ((1 << 52) - 1));
    let (m, k) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    let (numerator, shift) = (2 * m + 1, k - 1);
    let mut digits: Vec<u8> = numerator.to_string().bytes().map(|b| b - b'0').collect();
    // × 2^shift, or × 5^-shift / 10^-shift.
    let (factor, times, exponent) = if shift >= 0 { (2, shift, 0) } else { (5, -shift, shift) };
    for _ in 0..times {
        times_digit(&mut digits, factor);
    }
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{text}e{exponent}")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_float_written_any_way_reads_back_as_std_reads_it(bits in any::<u64>(), precision in 0usize..30) {
        let z = f64::from_bits(bits);
        for text in [format!("{z}"), format!("{z:e}"), format!("{z:.precision$e}"), format!("{z:?}")] {
            check(&text);
        }
    }

    #[test]
    fn any_digits_with_any_exponent(digits in "[0-9]{1,40}", point in 0usize..41, exponent in -400i32..400) {
        let point = point.min(digits.len());
        check(&format!("{}.{}e{exponent}", &digits[..point], &digits[point..]));
        check(&format!("{digits}e{exponent}"));
    }

    #[test]
    fn exact_halfway_points_round_to_even(bits in 1u64..0x7fef_ffff_ffff_ffff, tail in 0u8..3) {
        let text = halfway_above(f64::from_bits(bits));
        let (digits, exponent) = text.split_once('e').unwrap();
        // Exactly halfway, a hair above (a far digit), a hair below (the last digit one less).
        let text = match tail {
            0 => text.clone(),
            1 => format!("{digits}{}1e{}", "0".repeat(50), exponent.parse::<i64>().unwrap() - 51),
            _ => {
                let mut lower = digits.to_string().into_bytes();
                let last = lower.len() - 1;
                lower[last] -= 1; // an odd numerator times 2^n or 5^n: never ends in 0
                format!("{}e{exponent}", String::from_utf8(lower).unwrap())
            }
        };
        check(&text);
    }
}
