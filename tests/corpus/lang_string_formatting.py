items = [("widget", 4, 3.5), ("gadget", 10, 12.25), ("doohickey", 1, 100.0)]
print(f"{'item':<10}{'qty':>5}{'price':>10}")
print("-" * 25)
for name, qty, price in items:
    print(f"{name:<10}{qty:>5}{price:>10.2f}")
total = sum(q * p for _, q, p in items)
print(f"{'total':<15}{total:>10.2f}")
print("%s has %d items costing %.2f" % ("cart", 3, total))
print("%5s|%-5s|%05.1f" % ("a", "b", 2.25))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("{0}{1}{0}".format("ab", "cd"), "{:.3}".format("truncate"))
print(str(12).rjust(4, "0"), "x".center(5).replace(" ", "_"))
