import asyncio

async def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        await asyncio.sleep(0.1)
        total += value

async def main():
    acc = accumulator()
    print("first:", await acc.asend(None))
    for v in [5, 10, 20]:
        print(f"sent {v}, total {await acc.asend(v)} at {asyncio.get_running_loop().time():.1f}")
    try:
        await acc.asend(None)
    except StopAsyncIteration:
        print("the generator finished")
    fresh = accumulator()
    try:
        await fresh.asend(1)
    except TypeError as e:
        print("TypeError:", e)

asyncio.run(main())
