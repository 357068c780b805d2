# Indexing a dict with a key it does not have.
prices = {"apple": 1.25, "pear": 0.8}
for fruit in ["apple", "pear", "kiwi"]:
    print(fruit, prices[fruit])
print("never reached")
