import asyncio

async def ticker(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i, round(asyncio.get_running_loop().time(), 2)

async def main():
    async for i, t in ticker(4, 0.5):
        print(f"tick {i} at {t}")
    agen = ticker(2, 1)
    print(await agen.__anext__())
    print(await anext(agen))
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("exhausted")

await main()
