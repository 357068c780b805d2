n = 10
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
i = 0
while True:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd", i)
k = 3
while k > 0:
    k -= 1
else:
    print("while-else ran, k =", k)
while k < 5:
    k += 1
    if k == 2:
        break
else:
    print("not printed")
print("k", k)
