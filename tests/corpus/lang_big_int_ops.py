a = 2 ** 100
print(a, -a, abs(-a), a // 3, a % 7, -a // 7, -a % 7, a / 3, a * a, a - a, type(a).__name__, isinstance(a, int))
print(a > 10**20, a == 2**100, a != a + 1, a < 1.5e30, float(a), int("123456789012345678901234567890"), int(str(a)) == a)
print({a: 1}[2**100], hash(5) == hash(5), sorted([a, 3, -a, 2**64]), max(a, 5), sum([a, a, 1]))
print(f"{a:,} {a:_} {a}", str(a), repr(-a), bool(a), 2 ** 64 // 2 ** 32, (2**64) ** 0, 0 ** 100)
print(-(-9223372036854775808), -9223372036854775807 - 1 - 1, abs(-9223372036854775808), 9223372036854775807 + 1)
x = 1
for i in range(70):
    x *= 3
print(x, x % 1000, divmod(x, 10**20))
try:
    print(len(str(10 ** 5000)))
except ValueError as e:
    print("ValueError:", e)
print([2 ** 70])
print(int("123456789012345678901234567890") - 1)
