import asyncio

async def average(numbers):
    await asyncio.sleep(1)
    print("summing", numbers)
    return sum(numbers) / len(numbers)

async def main():
    print(await average([1, 2, 3]))
    print(await average([]))

await main()
