//! One sort for the whole wasm: a stable bottom-up merge sort of positions, behind one `dyn`
//! comparison. The standard library's sorts are 3–7 kB of code per element type in the wasm;
//! everything here (Python's `sorted`/`list.sort`, the reports' orderings) shares this copy.

use std::cmp::Ordering;

/// Sorts `items` by a number key; equal keys keep their order.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let keys: Vec<u64> = items.iter().map(key).collect();
    let order = sorted_positions(items.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    reorder(items, order);
}

/// Sorts `items` by a text key (byte order, as `str`'s `Ord`); equal keys keep their order.
pub fn sort_by_text<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str) {
    let order = {
        let keys: Vec<&str> = items.iter().map(key).collect();
        sorted_positions(items.len(), &mut |a, b| keys[a].cmp(keys[b]))
    };
    reorder(items, order);
}

/// The positions `0..len` in the order `cmp` puts them (stable: equal ones keep their order).
/// `cmp` may stop meaning anything (Python's comparison raised): the result is still a permutation.
pub fn sorted_positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut v: Vec<usize> = (0..len).collect();
    let mut buf = v.clone();
    let mut width = 1;
    while width < len {
        let mut i = 0;
        while i < len {
            let mid = (i + width).min(len);
            let hi = (i + 2 * width).min(len);
            let (mut a, mut b, mut k) = (i, mid, i);
            while a < mid && b < hi {
                // Only a strictly smaller right element goes first: that is what keeps it stable.
                if cmp(v[b], v[a]) == Ordering::Less {
                    buf[k] = v[b];
                    b += 1;
                } else {
                    buf[k] = v[a];
                    a += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - a)].copy_from_slice(&v[a..mid]);
            k += mid - a;
            buf[k..k + (hi - b)].copy_from_slice(&v[b..hi]);
            i += 2 * width;
        }
        std::mem::swap(&mut v, &mut buf);
        width *= 2;
    }
    v
}

/// Puts `items` in the order `order` lists their old positions in (each position once).
fn reorder<T>(items: &mut Vec<T>, order: Vec<usize>) {
    let mut old: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| old[i].take()));
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
