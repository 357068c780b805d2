def gen():
    try:
        yield 1
        yield 2
        yield 3
    finally:
        print("generator cleanup")

g = gen()
print(next(g))
print(next(g))
g.close()
print("closed")
for x in gen():
    print("loop", x)
    if x == 2:
        break
print("after break")
def gen_return():
    yield "a"
    return "result"
def delegate():
    r = yield from gen_return()
    print("delegated result", r)
print(list(delegate()))
