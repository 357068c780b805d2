square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2))
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: -p[0]))
print(list(map(lambda x: x * 3, [1, 2, 3])))
print(list(filter(lambda x: x % 2, range(10))))
makers = [lambda x, i=i: x + i for i in range(3)]
print([m(10) for m in makers])
late = [lambda: i for i in range(3)]
print([f() for f in late])
print((lambda *a, **k: (a, sorted(k)))(1, 2, z=3))
