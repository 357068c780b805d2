import asyncio

async def cruncher(name, chunks):
    total = 0
    for i in range(chunks):
        total += sum(range(i * 1000))
        print(f"{name} chunk {i}")
        await asyncio.sleep(0)
    return name, total

async def main():
    results = await asyncio.gather(cruncher("x", 3), cruncher("y", 2))
    print(results)

await main()
