import asyncio

async def agen(n):
    for i in range(n):
        await asyncio.sleep(0.1)
        yield i

async def double(x):
    await asyncio.sleep(0.1)
    return x * 2

async def main():
    squares = [i * i async for i in agen(5)]
    print(squares)
    evens = {i async for i in agen(6) if i % 2 == 0}
    print(sorted(evens))
    mapping = {i: str(i) async for i in agen(3)}
    print(mapping)
    doubled = [await double(x) for x in range(3)]
    print(doubled, f"{asyncio.get_running_loop().time():.1f}")

await main()
