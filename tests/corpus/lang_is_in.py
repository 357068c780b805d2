a = [1, 2, 3]
b = a
c = list(a)
print(a is b, a is c, a == c, a is not c)
print(None is None, 2 in a, 4 in a, 4 not in a)
print("ell" in "hello", "x" in "hello", "" in "abc")
print("k" in {"k": 1}, 1 in {"k": 1}, 3 in {1, 2, 3}, (1, 2) in [(1, 2)])
print(3 in range(5), 5 in range(5), 10 in range(0, 20, 5))
x = None
if x is None:
    print("x is None")
print(type(1) is int, type(True) is int, True is not False)
