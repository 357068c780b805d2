import asyncio

async def ok(n):
    await asyncio.sleep(n)
    return n * 10

async def fail(n, exc):
    await asyncio.sleep(n)
    raise exc

async def main():
    results = await asyncio.gather(
        ok(1), fail(0.5, ValueError("bad input")), ok(2), fail(1.5, KeyError("k")),
        return_exceptions=True,
    )
    for r in results:
        if isinstance(r, Exception):
            print("error:", type(r).__name__, r)
        else:
            print("value:", r)
    print(f"finished at {asyncio.get_running_loop().time():.1f}")

await main()
