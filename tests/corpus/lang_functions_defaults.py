def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"

print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(greeting="Yo", name="Di"))

def append_to(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket

print(append_to(1), append_to(2))

def shared(item, bucket=[]):
    bucket.append(item)
    return bucket

print(shared(1), shared(2))

def kw_only(a, *, b=2, c):
    return a + b + c

print(kw_only(1, c=3), kw_only(1, b=10, c=100))
