fruits = ["apple", "banana", "cherry"]
prices = [1.2, 0.5, 3.0]
for i, fruit in enumerate(fruits):
    print(i, fruit)
for i, (fruit, price) in enumerate(zip(fruits, prices), start=1):
    print(f"{i}. {fruit:<8} ${price:>5.2f}")
print(list(zip(*[(1, "a"), (2, "b")])))
print(list(zip("abc", range(10))))
total = sum(p for _, p in zip(fruits, prices))
print(f"total {total:.2f}")
lookup = dict(enumerate(fruits))
print(lookup, lookup[2])
