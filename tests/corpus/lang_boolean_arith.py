flags = [True, False, True, True]
print(sum(flags), flags.count(True), True + 1, False * 5)
print(True == 1, False == 0, 1 == 1.0 == True)
print(int(True) + int(False), str(True).lower(), bool("0"))
print(max(True, 0), min(False, -1), abs(-True))
print(sorted([True, False, 2, -1]))
votes = ["yes", "no", "yes"]
print(sum(v == "yes" for v in votes), [v == "no" for v in votes])
