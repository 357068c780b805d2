import asyncio

async def a():
    await asyncio.sleep(1)
    print("a woke")
    await asyncio.sleep(0)
    print("a after sleep(0)")

async def b():
    await asyncio.sleep(1)
    print("b woke")
    await asyncio.sleep(0)
    print("b after sleep(0)")

async def c():
    await asyncio.sleep(0.5)
    await asyncio.sleep(0.5)
    print("c woke (deadline 0.5 + 0.5)")

async def main():
    await asyncio.gather(a(), b(), c())

await main()
