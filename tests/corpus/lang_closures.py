def make_counter():
    count = 0
    def increment(step=1):
        nonlocal count
        count += step
        return count
    return increment

c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(5), c2())

def multiplier(n):
    def mul(x):
        return x * n
    return mul

double, triple = multiplier(2), multiplier(3)
print(double(21), triple(7))

def outer():
    x = "outer"
    def inner():
        return x + "-inner"
    x = "changed"
    return inner()
print(outer())
