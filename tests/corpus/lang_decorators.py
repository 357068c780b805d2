def repeat(times):
    def deco(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return deco

@repeat(3)
def hello(name):
    return f"hi {name}"

print(hello("ann"))

calls = []
def record(func):
    def wrapper(n):
        calls.append(n)
        return func(n)
    return wrapper

@record
def fact(n):
    return 1 if n < 2 else n * fact(n - 1)

print(fact(5), calls)
