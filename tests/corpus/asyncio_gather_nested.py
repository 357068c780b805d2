import asyncio

async def leaf(name, delay):
    await asyncio.sleep(delay)
    print(f"leaf {name} at {asyncio.get_running_loop().time():.1f}")
    return name

async def branch(prefix, n):
    return await asyncio.gather(*(leaf(f"{prefix}{i}", i * 0.5 + 0.5) for i in range(n)))

async def main():
    results = await asyncio.gather(branch("x", 2), branch("y", 3), asyncio.gather())
    print(results)

await main()
