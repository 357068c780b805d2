grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
alias = [[0] * 2] * 2
alias[0][0] = 9
print(alias)
stack = []
stack.append("a")
stack.append("b")
print(stack.pop(), stack)
items = [3, 1, 2]
print(sorted(items), items, sorted(items, reverse=True))
print(list("abc"), list(range(3)), list((1, 2)))
mixed = [1, "two", 3.0, None, [4]]
print(mixed, len(mixed))
a = [1, 2, 3]
b = a
b += [4]
print(a, a == [1, 2, 3, 4])
del a[0]
print(a)
print(max([3, 9, 2]), min([3, 9, 2]), sum([3, 9, 2]))
