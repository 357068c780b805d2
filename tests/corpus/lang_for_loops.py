for i in range(3):
    print("i", i)
for i in range(10, 0, -3):
    print("down", i, end=" ")
print()
for ch in "abc":
    print(ch.upper(), end="")
print()
for n in [2, 3, 4, 5, 6, 7, 8, 9]:
    for d in range(2, n):
        if n % d == 0:
            print(n, "=", d, "*", n // d)
            break
    else:
        print(n, "is prime")
for i in range(5):
    if i == 2:
        continue
    print("kept", i)
total = 0
for x in range(1, 101):
    total += x
print("total", total, list(range(0)), list(range(2, 8, 2)))
