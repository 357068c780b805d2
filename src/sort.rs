//! One sort for the whole wasm. Each `sort_unstable*` on a new element type is another copy of
//! the standard library's sort in the wasm (3–4 kB of code each); these sort `(key, index)` pairs
//! with one copy for number keys and one for text keys, then move the items into that order.
//! The index breaks ties, so both sorts are stable.

use std::cmp::Ordering;

/// Sorts `items` by a number key; equal keys keep their order.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut pairs: Vec<(u64, u32)> = items.iter().enumerate().map(|(i, item)| (key(item), i as u32)).collect();
    sort_number_pairs(&mut pairs);
    reorder(items, pairs.into_iter().map(|(_, i)| i));
}

/// Sorts `items` by a text key (byte order, as `str`'s `Ord`); equal keys keep their order.
pub fn sort_by_text<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) {
    let order: Vec<u32> = {
        let mut pairs: Vec<(&str, u32)> = items.iter().enumerate().map(|(i, item)| (key(item), i as u32)).collect();
        sort_text_pairs(&mut pairs);
        pairs.into_iter().map(|(_, i)| i).collect()
    };
    reorder(items, order.into_iter());
}

#[inline(never)]
fn sort_number_pairs(pairs: &mut [(u64, u32)]) {
    pairs.sort_unstable();
}

#[inline(never)]
fn sort_text_pairs(pairs: &mut [(&str, u32)]) {
    pairs.sort_unstable_by(|a, b| match a.0.cmp(b.0) {
        Ordering::Equal => a.1.cmp(&b.1),
        other => other,
    });
}

/// Puts `items` in the order `order` lists their old positions in (each position once).
fn reorder<T>(items: &mut Vec<T>, order: impl Iterator<Item = u32>) {
    let mut old: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.filter_map(|i| old[i as usize].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_number_keeping_ties_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut v, |(k, _)| *k);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn sorts_by_text_keeping_ties_in_order() {
        let mut v = vec![("b", 1), ("a", 2), ("b", 3), ("", 4), ("ab", 5)];
        sort_by_text(&mut v, |(k, _)| k);
        assert_eq!(v, [("", 4), ("a", 2), ("ab", 5), ("b", 1), ("b", 3)]);
    }

    #[test]
    fn empty_and_single() {
        let mut e: Vec<u8> = vec![];
        sort_by_key(&mut e, |x| *x as u64);
        assert!(e.is_empty());
        let mut one = vec!["x".to_string()];
        sort_by_text(&mut one, |s| s);
        assert_eq!(one, ["x"]);
    }
}
