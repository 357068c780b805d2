a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a // b, -a % b, a // -b, a % -b, -a // -b, -a % -b)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5))
print(2 ** 100)
print(2 ** -1, 10 ** 0, 0 ** 0)
print(7 // 2 * 2 + 7 % 2)
x = 10
x += 3
x -= 1
x *= 2
x //= 5
x **= 3
x %= 7
print(x)
print(abs(-12), abs(3), -(-4), +5)
print(1_000_000 + 1, 0x1F, 0o17, 0b1011)
print(int("42") + 1, int("-7"), int(3.99), int(-3.99), int("ff", 16))
