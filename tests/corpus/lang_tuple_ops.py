point = (3, 4)
x, y = point
print(x, y, point[0], len(point), point + (5,), point * 2)
single = (1,)
print(single, type(single).__name__, (1), ())
print((1, 2, 3).count(2), (1, 2, 3).index(3))
print(tuple([1, 2]), tuple("ab"), (1, 2) == (1, 2), (1, 2) < (1, 3))
records = [("bob", 25), ("ann", 31), ("cy", 25)]
for name, age in sorted(records, key=lambda r: (r[1], r[0])):
    print(name, age)
def min_max(xs):
    return min(xs), max(xs)
lo, hi = min_max([4, 8, 1, 9])
print(lo, hi)
nested = ((1, 2), (3, (4, 5)))
(a, b), (c, (d, e)) = nested
print(a + b + c + d + e)
a, b = 1, 2
a, b = b, a
print(a, b)
