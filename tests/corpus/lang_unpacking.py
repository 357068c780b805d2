first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
head, *tail = [1]
print(head, tail)
(p, q), r = [1, 2], 3
print(p, q, r)
for i, (name, score) in enumerate([("a", 1), ("b", 2)]):
    print(i, name, score)
print(*[1, 2, 3], sep="-")
merged = [*range(3), *"ab", *(9,)]
print(merged)
d1 = {"x": 1}
print({**d1, "y": 2})
def f(a, b, c):
    return a * b + c
args = [2, 3]
print(f(*args, 4), f(*[1, 1], **{"c": 5}))
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
