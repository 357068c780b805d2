parts = []
for i in range(5):
    parts.append(str(i * i))
print(",".join(parts))
s = ""
for ch in "hello":
    s = ch + s
print(s)
row = ""
for i in range(1, 4):
    row += f"[{i}]"
print(row)
table = "\n".join(f"{n} x 7 = {n * 7:>2}" for n in range(1, 5))
print(table)
print("=" * 20)
banner = "Title".center(20, "~")
print(banner, len(banner))
words = ["async", "await", "task"]
print(" / ".join(w.capitalize() for w in words))
