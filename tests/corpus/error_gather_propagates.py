import asyncio

async def ok(n):
    await asyncio.sleep(n)
    print("ok", n)
    return n

async def bad():
    await asyncio.sleep(1.5)
    raise ConnectionResetError("peer reset the connection")

async def main():
    results = await asyncio.gather(ok(1), bad(), ok(2))
    print(results)

await main()
