import asyncio

async def party(b, name, d):
    await asyncio.sleep(d)
    try:
        i = await b.wait()
        print(name, "passed", i)
    except asyncio.BrokenBarrierError as e:
        print(name, "broken:", e)

async def main():
    b = asyncio.Barrier(3)
    t1 = asyncio.create_task(party(b, "a", 0.1))
    t2 = asyncio.create_task(party(b, "b", 0.2))
    await asyncio.sleep(0.5)
    print("waiting", b.n_waiting, "broken", b.broken)
    await b.abort()
    await asyncio.gather(t1, t2)
    print("broken", b.broken)
    try:
        await b.wait()
    except asyncio.BrokenBarrierError as e:
        print("late:", e)
    b2 = asyncio.Barrier(1)
    async with b2 as index:
        print("a barrier of one lets its party through at once:", index)
asyncio.run(main())
