import asyncio

async def work(n):
    await asyncio.sleep(n / 4)
    return n

async def main():
    aws = [work(n) for n in (4, 1, 3, 2)]
    for coro in asyncio.as_completed(aws):
        earliest_result = await coro
        print(f"{asyncio.get_running_loop().time():.2f} result {earliest_result}")

asyncio.run(main())
