squares = [x * x for x in range(8)]
evens = [x for x in squares if x % 2 == 0]
pairs = [(i, j) for i in range(3) for j in range(i)]
print(squares, evens, pairs)
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([x if x > 2 else -x for x in range(5)])
lengths = {w: len(w) for w in ["hi", "there", "you"]}
print(lengths)
print(sorted({x % 3 for x in range(10)}))
gen = (x * 2 for x in range(5))
print(sum(gen), sum(x for x in range(5) if x != 2))
print(list(gen))
words = "one two three four".split()
print([w.upper() for w in words if "o" in w])
print({i: [j for j in range(i)] for i in range(4)})
print(any(x > 3 for x in [1, 5]), all(x > 0 for x in []))
x = "outer"
[x for x in range(3)]
print(x)
