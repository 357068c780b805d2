stock = {"apple": 3, "pear": 0}
stock["kiwi"] = 7
print(stock, len(stock))
print(stock.get("apple"), stock.get("plum"), stock.get("plum", -1))
print(list(stock.keys()), list(stock.values()))
for name, qty in stock.items():
    print(f"{name}: {qty}")
print(stock.setdefault("fig", 2), stock.setdefault("apple", 100))
print(stock.pop("pear"), stock.pop("nope", "missing"))
stock.update({"apple": 10, "lime": 1})
stock.update(plum=4)
print(stock)
print("kiwi" in stock, "pear" in stock)
del stock["fig"]
print(sorted(stock), sorted(stock.items(), key=lambda kv: kv[1]))
counts = {}
for word in "the cat and the hat and the bat".split():
    counts[word] = counts.get(word, 0) + 1
print(counts)
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict(zip("ab", [1, 2])))
