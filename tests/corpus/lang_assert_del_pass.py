def check_positive(n):
    assert n > 0, f"expected positive, got {n}"
    return n

print(check_positive(3))
try:
    check_positive(-1)
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert 1 == 2
except AssertionError as e:
    print("empty message:", repr(str(e)))

x = 10
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
d = {"a": 1, "b": 2}
del d["a"]
lst = [1, 2, 3]
del lst[1]
print(d, lst)
