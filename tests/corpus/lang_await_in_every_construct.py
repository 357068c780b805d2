import asyncio


async def val(x):
    await asyncio.sleep(0.01)
    return x


class Box:
    def __init__(self, v):
        self.v = v

    def get(self, k=0, *rest, **kw):
        return (self.v, k, rest, sorted(kw.items()))


class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("enter", self.name)
        await asyncio.sleep(0.01)
        return self.name

    async def __aexit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None, v)
        await asyncio.sleep(0.01)
        return self.suppress


class SCM:
    def __enter__(self):
        print("s-enter")
        return 5

    def __exit__(self, t, v, tb):
        print("s-exit", t is not None)
        return True


def gen():
    got = yield 1
    print("gen got", got)
    yield from [2, 3]
    r = yield
    print("gen r", r)


async def agen(n):
    for i in range(n):
        sent = yield await val(i)
        print("agen sent", sent)


async def main():
    print(await val(2) + await val(3), (await val([1, 2, 3]))[await val(1)], -await val(4))
    print((await val(Box(7))).v, (y := await val(9)), y)
    print(await val(1) if await val(0) else await val(2), await val(3) if await val(True) else 0)
    print(await val(1) < await val(2) < await val(3), await val(3) < await val(2) < await val(1))
    print(await val(0) or await val(""), await val(1) and await val(0), await val(5) or print("no"))
    print([await val(1), *await val([2, 3])], (await val(4), *await val((5,))), {await val(6), *await val({7})})
    print({await val("a"): await val(1), **await val({"b": 2}), "c": await val(3)})
    x = 3.14159
    print(f"lit {await val(x):.2f} mid {await val('s')!r} {await val(x)=} end{await val(1):>4}")
    b = Box(1)
    print(b.get(await val(2), *await val([3, 4]), k2=await val(5), **await val({"k1": 6})))
    print((await val(b)).get(await val(8)))
    print([await val(i) for i in range(3) if await val(i) != 1])
    print([a async for a in agen(3)], {a: a async for a in agen(2)}, {a async for a in agen(2) if a})
    print([(i, j) async for i in agen(2) for j in range(await val(2)) if j])
    g = gen()
    print(next(g), g.send("hi"), next(g), next(g))
    try:
        g.send("r")
    except StopIteration:
        print("stop")
    ag = agen(2)
    print(await ag.__anext__(), await ag.__anext__())
    try:
        assert await val(0), await val("msg")
    except AssertionError as e:
        print("assert", e)
    try:
        assert await val(0)
    except AssertionError as e:
        print("assert2", repr(e))
    try:
        raise ValueError(await val("v")) from await val(None)
    except ValueError as e:
        print("raised", e, e.__cause__)
    for mode in range(3):
        try:
            await val(1)
            if mode == 1:
                raise KeyError(await val("k"))
            if mode == 2:
                print("returning-ish")
                continue
        except KeyError as e:
            print("handler", e, await val("in handler"))
        else:
            print("else", await val(mode))
        finally:
            print("finally", await val(mode))
    n = 0
    while await val(n) < 3:
        n += await val(1)
    else:
        print("while else", n)
    while True:
        if await val(n) > 4:
            break
        n += 1
    else:
        print("never")
    for i in await val([1, 2]):
        print("for", await val(i))
    else:
        print("for else")
    async for i in agen(3):
        if i == 1:
            break
        print("afor", i)
    else:
        print("never")
    async for i in agen(1):
        print("afor2", i)
    else:
        print("afor else")
    async with CM("a") as a, CM("b") as b2:
        print("body", a, b2, await val(1))
    async with CM("s", True):
        raise RuntimeError(await val("boom"))
    with SCM() as s:
        await val(1)
        raise KeyError(s)
    try:
        async with CM("x"):
            await val(1)
            raise TypeError("propagates")
    except TypeError as e:
        print("caught", e)
    print(await f2())
    d = {}
    d["k"] = await val(1)
    d["k"] += await val(2)
    lst: list = await val([0])
    print(d, lst)
    try:
        await val(1) + await val("a")
    except TypeError as e:
        print("TE", e)
    try:
        print(1 < await val("a"))
    except TypeError as e:
        print("TE2", e)
    try:
        await 5
    except TypeError as e:
        print("TE3", e)
    return await val("done")


async def f2():
    try:
        return await val("try")
    finally:
        print("f2 finally")


print(asyncio.run(main()))
