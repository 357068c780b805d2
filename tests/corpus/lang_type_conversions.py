print(int("  42 "), int("-0"), int(7.9), int(-7.9), int(True))
print(float("3"), float(" 2.50 "), float(1), float("1e3"))
print(str(3.0), str(10 / 2), str(1 / 4), str([1, "a"]), str((1,)))
print(bool(0), bool(1), bool(-1), bool("False"), bool(None), bool({}))
print(list("hey"), tuple([1]), set((2, 2, 3)) == {2, 3}, dict([("a", 1)]))
print(int("101", 2), int("z", 36), hex(4096), int(0x10))
print(round(2.5), round(-0.5), round(1.25, 1), round(1234, -2))
for bad in ["3.5", "", "ten"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
print(repr(str(None)), [str(x) for x in (1, 2.0, "3")])
