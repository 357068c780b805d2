import asyncio

async def divide(a, b):
    await asyncio.sleep(0.5)
    return a / b

async def main():
    print(await asyncio.gather(divide(1, 2), divide(3, 4)))
    print(await asyncio.gather(divide(1, 1), divide(5, 0)))

asyncio.run(main())
