values = [42, 3.14, "text", True, None, [1, 2], (1,), {"k": 1}, {3}]
for v in values:
    print(type(v).__name__, repr(v), bool(v))
print(type(1) == int, type(True) is bool, isinstance(True, int))
print(None is None, None == None, not None)
print(True + True, True * 10, False - 1)
print(str(None), str(True), repr("it's"), repr('say "hi"'))
print(int(True), float(False), bool(""), bool(" "), bool(0.0), bool([]), bool([0]))
print(len("hello"), "hello"[1], "hello"[-1], "ab" * 3, "a" + "b")
