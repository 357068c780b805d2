import asyncio

async def produce(n):
    for i in range(n):
        await asyncio.sleep(0.2)
        yield i

async def square(source):
    async for x in source:
        yield x * x

async def keep_even(source):
    async for x in source:
        if x % 2 == 0:
            yield x

async def main():
    async for value in keep_even(square(produce(6))):
        print(f"{asyncio.get_running_loop().time():.1f} {value}")

asyncio.run(main())
