data = [4, 9, 15, 2, 23]
if (n := len(data)) > 3:
    print(f"list has {n} elements")
big = [y for x in data if (y := x * 2) > 10]
print(big)
i = 0
while (chunk := data[i:i + 2]):
    print("chunk", chunk)
    i += 2
label = "even" if n % 2 == 0 else "odd"
print(label, "big" if max(data) > 20 else "small")
print([("neg" if v < 0 else "zero" if v == 0 else "pos") for v in [-1, 0, 1]])
