def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"

print(list(countdown(4)))
g = countdown(2)
print(next(g), next(g))
try:
    next(g)

except StopIteration as e:
    print("StopIteration", e.value)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(10)])
