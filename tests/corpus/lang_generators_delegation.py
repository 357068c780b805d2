def chain(*its):
    for it in its:
        yield from it

print(list(chain([1, 2], "ab", range(2))))

def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"

e = echo()
print(next(e), e.send(1), e.send("two"))
print(next(iter([]), "default"), list(zip(range(3, 0, -1), "xyz")))
