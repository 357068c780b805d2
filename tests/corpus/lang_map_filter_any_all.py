nums = [3, 8, -2, 0, 11]
print(list(map(abs, nums)))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(filter(lambda n: n > 0, nums)))
print(list(map(str.upper, ["a", "b"])), list(map(int, "123")))
print(any(n < 0 for n in nums), all(n < 20 for n in nums), any([]), all([]))
print(sum(map(len, ["ab", "cde"])), max(map(abs, nums)))
evens = filter(lambda n: n % 2 == 0, range(10))
print(next(evens), next(evens), list(evens))
