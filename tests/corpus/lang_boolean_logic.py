print(True and False, True or False, not True, not 0)
print(0 and 5, 3 and 5, 0 or 5, 3 or 5, "" or "default", None or [] or "last")
print([] and "x", "a" and "b" and "c", 0 or 0.0 or "")
def side(name, value):
    print("eval", name)
    return value
print(side("a", False) and side("b", True))
print(side("c", True) or side("d", True))
print(side("e", 0) or side("f", 7))
print(not (1 < 2 and 2 < 3), not [] and not {})
x = 7
if x > 5 and x % 2 == 1 or x == 0:
    print("odd and big")
