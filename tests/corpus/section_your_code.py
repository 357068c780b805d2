import asyncio

async def count(name, n, pause):
    for i in range(n):
        print(f"{name}: {i}")
        await asyncio.sleep(pause)

async def main():
    await asyncio.gather(count("A", 3, 0.5), count("B", 2, 0.8))

asyncio.run(main())
